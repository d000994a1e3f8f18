package org.pmoresearch.platform;

import org.pmoresearch.platform.PlatformSettings.Service;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Run by the build (embedded-platform's {@code package} phase, after the service jars are built): records each
 * service's class-data-sharing archive with a training run, so that the very first start of a platform maps
 * the archives as every later start does. Takes the launcher's {@code --services-dir}, {@code --service-jvm-options}
 * and {@code --class-data-sharing} arguments.
 * <p>
 * A service whose jar is missing (a build of some modules only) or whose training run fails is reported and
 * left to record its archive on its first run, as without this step; the build goes on.
 */
public final class ClassDataTraining {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    /** Two cores on the smallest machine this runs on; a training run keeps about one and a half busy. */
    private static final int AT_ONCE = 2;

    private ClassDataTraining() {
    }

    public static void main(String[] args) throws Exception {
        PlatformSettings settings = PlatformSettings.fromArgs(args);
        if (!settings.classDataSharing()) {
            System.out.println("[class-data] --class-data-sharing=false: no archives made");
            return;
        }
        LocalSecrets secrets = LocalSecrets.throwaway();
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (Service service : Service.values()) {
                results.add(pool.submit(() -> service.artifact() + ": " + train(settings, secrets, service)));
            }
            for (Future<String> result : results) {
                System.out.println("[class-data] " + result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String train(PlatformSettings settings, LocalSecrets secrets, Service service) {
        if (!Files.isRegularFile(settings.jarOf(service))) {
            return "no jar at " + settings.jarOf(service) + "; its first run records the archive";
        }
        List<String> jvmOptions = new ArrayList<>(service.ownJvmOptions());
        jvmOptions.addAll(settings.serviceJvmOptions());
        try {
            return ClassDataSharing.train(settings.jarOf(service), settings.classDataCacheOf(service), jvmOptions,
                    environmentOf(settings, secrets, service), TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted; its first run records the archive";
        } catch (Exception e) {
            return "no archive (" + e.getMessage() + "); its first run records it";
        }
    }

    /**
     * The environment the launcher gives the service, with throwaway secrets, any free port, and a broker and
     * store that nothing listens on: a training run never connects, and must not reach a real one by accident.
     */
    static Map<String, String> environmentOf(PlatformSettings settings, LocalSecrets secrets, Service service) {
        Map<String, String> environment = new HashMap<>(EmbeddedPlatform.environmentOf(
                settings.withUnreachableBrokerAndStore(), secrets, service));
        environment.put("SERVER_PORT", "0");
        return environment;
    }
}
