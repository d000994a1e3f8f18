package org.pmoresearch.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One embedded platform for every reliability test in this JVM, started from the jars the build has just
 * made ({@code java -jar embedded-platform/target/embedded-platform.jar}) on first use and stopped by the
 * launcher process's own shutdown hook when the test JVM exits: a start costs about a minute here.
 */
final class SharedPlatform {

    private static PlatformUnderTest platform;

    private SharedPlatform() {
    }

    static synchronized PlatformUnderTest get() throws IOException, InterruptedException {
        if (platform == null) {
            Path root = Path.of(System.getProperty("platform.root", "..")).toAbsolutePath().normalize();
            EmbeddedPlatformProcess.Settings settings = new EmbeddedPlatformProcess.Settings(
                    root.resolve("embedded-platform/target/embedded-platform.jar"), root, 12, Optional.empty(), Optional.empty(),
                    PlatformUnderTest.BENCHMARK_SERVICE_ENVIRONMENT);
            EmbeddedPlatformProcess started = EmbeddedPlatformProcess.start(settings);
            platform = PlatformUnderTest.embedded(started, "embedded, started by the test");
        }
        return platform;
    }
}
