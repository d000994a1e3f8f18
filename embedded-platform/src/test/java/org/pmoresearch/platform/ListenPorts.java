package org.pmoresearch.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for a platform under test, below the range the kernel hands out as the local ports of outgoing
 * connections (from 32768 on Linux, 49152 elsewhere). A port the kernel picked from that range (by binding to port
 * 0) and left free until a service binds it at the end of its start-up can become, meanwhile, the local port of one
 * of the platform's own connections, and the service then fails to start.
 */
final class ListenPorts {

    private static final int FIRST = 20_000;
    private static final int END = 32_000;
    private static final int ATTEMPTS = 1_000;

    private ListenPorts() {
    }

    static int[] free(int count) throws IOException {
        Set<Integer> chosen = new LinkedHashSet<>();
        for (int attempt = 0; chosen.size() < count; attempt++) {
            if (attempt == ATTEMPTS) {
                throw new IOException("Found " + chosen.size() + " of " + count + " free ports in [" + FIRST + ", "
                        + END + ")");
            }
            int port = ThreadLocalRandom.current().nextInt(FIRST, END);
            if (!chosen.contains(port) && isFree(port)) {
                chosen.add(port);
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    static int free() throws IOException {
        return free(1)[0];
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
