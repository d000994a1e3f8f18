package org.pmoresearch.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The launcher's store as the child JVM it runs in: what it keeps, when it refuses to start, when it stops. */
class MongoStoreTest {

    @TempDir
    Path dataDir;

    private MongoStore store;

    @AfterEach
    void stopStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void runsInAChildJvmAndKeepsWhatItStoredAcrossARestart() throws Exception {
        PlatformSettings settings = settings(ListenPorts.free());
        store = new MongoStore(settings);
        store.start();

        ProcessHandle storeProcess = store.process().orElseThrow();
        assertThat(storeProcess.pid()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(storeProcess.parent().map(ProcessHandle::pid)).contains(ProcessHandle.current().pid());
        try (MongoClient client = MongoClients.create(settings.mongoUri("test"))) {
            responses(client).insertOne(new Document("_id", "r-1").append("selected", 42));
        }

        store.close();
        assertThat(store.isAlive()).isFalse();
        store.start();

        try (MongoClient client = MongoClients.create(settings.mongoUri("test"))) {
            Document kept = responses(client).find(new Document("_id", "r-1")).first();
            assertThat(kept).isNotNull();
            assertThat(kept.getInteger("selected")).isEqualTo(42);
        }
    }

    @Test
    void runsWithTheLaunchersStoreOptionsOrThoseGiven() {
        MongoStore byDefault = new MongoStore(settings(27017));
        MongoStore configured = new MongoStore(PlatformSettings.fromArgs("--data-dir=" + dataDir, "--mongo-port=27018",
                "--store-jvm-options=-Xmx3g -XX:+UseSerialGC"));

        assertThat(byDefault.command()).containsSubsequence(PlatformSettings.STORE_JVM_OPTIONS);
        assertThat(configured.command())
                .containsSubsequence("-Xmx3g", "-XX:+UseSerialGC", StoreServer.COMMAND,
                        "--data-dir=" + dataDir.toAbsolutePath(), "--mongo-port=27018")
                .doesNotContainAnyElementsOf(PlatformSettings.STORE_JVM_OPTIONS);
    }

    @Test
    void refusesToStartWhenItsPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            store = new MongoStore(settings(taken.getLocalPort()));

            assertThatThrownBy(store::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exited with code");
        }
    }

    @Test
    void stopsAndClosesItsFileWhenTheProcessThatStartedItIsGone() throws Exception {
        PlatformSettings settings = settings(ListenPorts.free());
        String storeCommand = new MongoStore(settings).command().stream()
                .map(argument -> "'" + argument.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
        // A stand-in launcher: starts the store, says its pid, and is then killed without stopping it.
        Process launcher = new ProcessBuilder("sh", "-c", storeCommand + " > /dev/null 2>&1 & echo $!; wait")
                .redirectErrorStream(true)
                .start();
        long storePid;
        try (BufferedReader output = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
            storePid = Long.parseLong(output.readLine().trim());
            ProcessHandle storeProcess = ProcessHandle.of(storePid).orElseThrow();
            Path readyFile = dataDir.resolve("mongo").resolve("store.ready");
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(readyFile));

            launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            storeProcess.onExit().get(30, TimeUnit.SECONDS);
            assertThat(storeProcess.isAlive()).isFalse();
            assertThat(readyFile).doesNotExist();
        } finally {
            ProcessHandle.of(launcher.pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private PlatformSettings settings(int mongoPort) {
        return PlatformSettings.fromArgs("--data-dir=" + dataDir, "--mongo-port=" + mongoPort);
    }

    private static MongoCollection<Document> responses(MongoClient client) {
        return client.getDatabase("test").getCollection("responses");
    }
}
