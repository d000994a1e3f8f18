package org.pmoresearch.platform;

import org.junit.jupiter.api.Test;
import org.pmoresearch.platform.PlatformSettings.Service;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceProcessTest {

    private static final List<String> CONFIGURED = List.of("-Xmx512m", "-XX:TieredStopAtLevel=4");

    @Test
    void startsTheLowTrafficServicesWithC1BeforeTheConfiguredOptions() {
        for (Service service : List.of(Service.CATALOGUE, Service.EXPORT)) {
            List<String> command = command(service);

            assertThat(command).as(service.artifact()).containsSubsequence("-XX:TieredStopAtLevel=1", "-Xmx512m",
                    "-XX:TieredStopAtLevel=4", "-jar");
        }
    }

    @Test
    void keepsTheOptimisingCompilerForTheServicesThatCarryTheLoad() {
        for (Service service : List.of(Service.SURVEY, Service.ANALYTICS)) {
            List<String> command = command(service);

            assertThat(command).as(service.artifact()).doesNotContain("-XX:TieredStopAtLevel=1");
            assertThat(command.subList(1, command.size())).as(service.artifact()).startsWith("-Xmx512m", "-XX:TieredStopAtLevel=4");
        }
    }

    private static List<String> command(Service service) {
        return new ServiceProcess(service, Path.of(service.artifact() + ".jar"), Map.of(), CONFIGURED, Optional.empty(),
                Path.of("target", service.artifact() + ".log"), "http://localhost:1").command();
    }
}
