package org.pmoresearch.platform;

import org.junit.jupiter.api.Test;
import org.pmoresearch.platform.PlatformSettings.Service;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceProcessTest {

    private static final List<String> CONFIGURED = List.of("-Xmx512m", "-XX:TieredStopAtLevel=4");

    @Test
    void startsTheLowTrafficServicesWithC1BeforeTheConfiguredOptions() {
        for (Service service : List.of(Service.CATALOGUE, Service.EXPORT)) {
            List<String> command = command(service);

            assertThat(command).as(service.artifact()).containsSubsequence("-XX:TieredStopAtLevel=1", "-Xms64m", "-Xmx512m",
                    "-XX:TieredStopAtLevel=4", "-jar");
        }
    }

    @Test
    void keepsTheOptimisingCompilerForTheServicesThatCarryTheLoad() {
        for (Service service : List.of(Service.SURVEY, Service.ANALYTICS)) {
            List<String> command = command(service);

            assertThat(command).as(service.artifact()).doesNotContain("-XX:TieredStopAtLevel=1");
            assertThat(command.subList(1, command.size())).as(service.artifact())
                    .containsSubsequence("-Xms256m", "-Xmn160m", "-Xmx512m", "-XX:TieredStopAtLevel=4");
        }
    }

    /** On a small machine the survey's compilers get four threads; where the JVM starts as many itself, it decides. */
    @Test
    void givesTheSurveyFourCompilerThreadsBelowEightProcessors() {
        assertThat(PlatformSettings.surveyCompilerThreads(2)).containsExactly("-XX:CICompilerCount=4");
        assertThat(PlatformSettings.surveyCompilerThreads(7)).containsExactly("-XX:CICompilerCount=4");
        assertThat(PlatformSettings.surveyCompilerThreads(8)).isEmpty();
        assertThat(PlatformSettings.surveyCompilerThreads(64)).isEmpty();
        assertThat(Service.SURVEY.ownJvmOptions()).containsExactlyElementsOf(Stream.concat(PlatformSettings.LOADED_HEAP.stream(),
                PlatformSettings.surveyCompilerThreads(Runtime.getRuntime().availableProcessors()).stream()).toList());
        assertThat(Service.ANALYTICS.ownJvmOptions()).containsExactlyElementsOf(PlatformSettings.LOADED_HEAP);
        assertThat(command(Service.SURVEY).subList(1, command(Service.SURVEY).size()))
                .startsWith(Service.SURVEY.ownJvmOptions().toArray(String[]::new));
    }

    /** The options as a JVM reads them: the heap each service asks for is the heap it gets, without a warning. */
    @Test
    void eachServiceGetsTheHeapItsOptionsAskForWithTheDefaultOptions() throws Exception {
        Map<Service, Long> youngGeneration = Map.of(Service.SURVEY, 160L << 20, Service.ANALYTICS, 160L << 20);
        for (Service service : Service.values()) {
            List<String> command = new ArrayList<>();
            command.add(ClassDataSharing.javaExecutable());
            command.addAll(service.ownJvmOptions());
            command.addAll(PlatformSettings.DEFAULT_JVM_OPTIONS);
            command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(service.artifact()).isZero();

            assertThat(output).as(service.artifact()).doesNotContain("[warning]");
            assertThat(flag(output, "MaxHeapSize")).as(service.artifact()).isEqualTo(512L << 20);
            assertThat(flag(output, "UseSerialGC")).as(service.artifact()).isEqualTo(1);
            if (service == Service.SURVEY && Runtime.getRuntime().availableProcessors() < 8) {
                assertThat(flag(output, "CICompilerCount")).as(service.artifact()).isEqualTo(4);
            }
            if (youngGeneration.containsKey(service)) {
                assertThat(flag(output, "NewSize")).as(service.artifact()).isEqualTo(youngGeneration.get(service));
                assertThat(flag(output, "InitialHeapSize")).as(service.artifact()).isGreaterThan(youngGeneration.get(service));
            } else {
                assertThat(flag(output, "InitialHeapSize")).as(service.artifact()).isEqualTo(64L << 20);
            }
        }
    }

    /** A numeric or boolean flag from {@code -XX:+PrintFlagsFinal}: "size_t NewSize = 167772160 {product} {...}". */
    private static long flag(String printFlagsFinal, String name) {
        Matcher matcher = Pattern.compile("\\s" + name + "\\s+=\\s+(\\S+)").matcher(printFlagsFinal);
        assertThat(matcher.find()).as(name + " in -XX:+PrintFlagsFinal").isTrue();
        String value = matcher.group(1);
        return switch (value) {
            case "true" -> 1;
            case "false" -> 0;
            default -> Long.parseLong(value);
        };
    }

    private static List<String> command(Service service) {
        return new ServiceProcess(service, Path.of(service.artifact() + ".jar"), Map.of(), CONFIGURED, Optional.empty(),
                Path.of("target", service.artifact() + ".log"), "http://localhost:1").command();
    }
}
