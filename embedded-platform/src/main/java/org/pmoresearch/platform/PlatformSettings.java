package org.pmoresearch.platform;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the embedded platform keeps its data, which ports it uses and where the service jars are.
 * Every value has a default; {@code --name=value} arguments override them.
 *
 * @param host where the services, the broker and the store reach one another
 * @param publicHost the name or address browsers reach the services at, in every link and QR code the pages show:
 *        {@code localhost} by default; the machine's address on the room's network for phones to take the survey
 */
public record PlatformSettings(
        Path dataDir,
        Path servicesDir,
        String host,
        String publicHost,
        int kafkaPort,
        int kafkaControllerPort,
        int mongoPort,
        Map<Service, Integer> servicePorts,
        int responsePartitions,
        List<String> serviceJvmOptions,
        List<String> storeJvmOptions,
        boolean classDataSharing) {

    /**
     * The four services, in start order, with their default ports and the JVM options the launcher puts before the
     * configured ones. The catalogue and the export serve few requests, so they run with the C1 compiler alone (a
     * start then needs about half the CPU, as the optimising compiler is what a Spring Boot start spends most on
     * when four of them share two cores) and start with a small heap. The survey and analytics carry the load: they
     * keep the optimising compiler and get a young generation of their own size (see {@link #LOADED_HEAP}); the
     * survey, whose request path is what a start leaves uncompiled, also gets more compiler threads on a small
     * machine (see {@link #surveyCompilerThreads}).
     */
    public enum Service {
        CATALOGUE("catalogue-service", 8081, "catalogue", List.of(QUICK_START, SMALL_HEAP)),
        SURVEY("survey-service", 8082, null, Stream.concat(LOADED_HEAP.stream(),
                surveyCompilerThreads(Runtime.getRuntime().availableProcessors()).stream()).toList()),
        ANALYTICS("analytics-service", 8083, "analytics", LOADED_HEAP),
        EXPORT("export-service", 8084, null, List.of(QUICK_START, SMALL_HEAP));

        private final String artifact;
        private final int defaultPort;
        private final String database;
        private final List<String> ownJvmOptions;

        Service(String artifact, int defaultPort, String database, List<String> ownJvmOptions) {
            this.artifact = artifact;
            this.defaultPort = defaultPort;
            this.database = database;
            this.ownJvmOptions = ownJvmOptions;
        }

        /** Put before {@code --service-jvm-options}, which can override them (the last occurrence of an option wins). */
        public List<String> ownJvmOptions() {
            return ownJvmOptions;
        }

        public String artifact() {
            return artifact;
        }

        public int defaultPort() {
            return defaultPort;
        }

        public boolean usesMongo() {
            return database != null;
        }

        public String database() {
            return database;
        }
    }

    /** Every service's JVM options unless {@code --service-jvm-options} says otherwise. */
    static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC");
    /**
     * The store's JVM options unless {@code --store-jvm-options} says otherwise. The store runs alone in its JVM, so
     * a collection stops only the store (and the analytics write waiting for it). Its live data is large and short
     * lived (the pages H2 holds until it writes them, a second's worth of facts): with the serial collector in a
     * 256 MB heap a rebuild spent 10 s of a 2-minute run in pauses, and G1 in 1-2 GB, 2.6 s (docs/benchmarks.md,
     * "The store in a JVM of its own").
     */
    static final List<String> STORE_JVM_OPTIONS = List.of("-Xms1g", "-Xmx2g", "-XX:+UseG1GC");
    /** Compiles with C1 only. */
    static final String QUICK_START = "-XX:TieredStopAtLevel=1";
    /** A heap that starts small, for the services that serve few requests. */
    static final String SMALL_HEAP = "-Xms64m";
    /**
     * A young generation of 160 MB from the start, for the services that carry the load. At 2,000 submissions a second
     * the survey allocates about 190 MB/s: in the young generation the serial collector sized by itself (a third of a
     * heap it kept at about 150 MB) it collected four to five times a second, and the survey spent 2.6 times as long
     * in collections as with this one, which it collects about every 0.7 s (docs/benchmarks.md, "Heap of the services
     * that carry the load"). The initial heap must hold it, or the JVM shrinks the young generation to fit.
     */
    static final List<String> LOADED_HEAP = List.of("-Xms256m", "-Xmn160m");

    /**
     * Four compiler threads for the survey where the JVM would start fewer: below eight processors it gives itself
     * fewer (two on two cores, one for each compiler). Right after a start, under load and with every other service
     * on the same cores, two fell minutes behind: at 1,000 submissions a second the survey's compile queue held about
     * a hundred methods for the first two minutes, and a submission cost it about 0.6 ms of CPU against 0.26 ms once
     * they were compiled (docs/benchmarks.md, "Compiler threads for the survey").
     */
    static List<String> surveyCompilerThreads(int processors) {
        return processors < 8 ? List.of("-XX:CICompilerCount=4") : List.of();
    }

    public static PlatformSettings defaults() {
        Map<Service, Integer> ports = new HashMap<>();
        for (Service service : Service.values()) {
            ports.put(service, service.defaultPort());
        }
        return new PlatformSettings(Path.of("data"), Path.of("."), "localhost", "localhost", 9092, 9093, 27017, Map.copyOf(ports), 12,
                DEFAULT_JVM_OPTIONS, STORE_JVM_OPTIONS, true);
    }

    /** Reads {@code --data-dir=..., --kafka-port=..., --catalogue-port=...} and so on over the defaults. */
    public static PlatformSettings fromArgs(String... args) {
        PlatformSettings settings = defaults();
        Map<Service, Integer> ports = new HashMap<>(settings.servicePorts());
        Path dataDir = settings.dataDir();
        Path servicesDir = settings.servicesDir();
        String publicHost = settings.publicHost();
        int kafkaPort = settings.kafkaPort();
        Integer controllerPort = null;
        int mongoPort = settings.mongoPort();
        int partitions = settings.responsePartitions();
        List<String> jvmOptions = settings.serviceJvmOptions();
        List<String> storeJvmOptions = settings.storeJvmOptions();
        boolean classDataSharing = settings.classDataSharing();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Unknown argument '" + arg + "': expected --name=value (see --help)");
            }
            String name = arg.substring(2, arg.indexOf('='));
            String value = arg.substring(arg.indexOf('=') + 1);
            switch (name) {
                case "data-dir" -> dataDir = Path.of(value);
                case "services-dir" -> servicesDir = Path.of(value);
                case "public-host" -> publicHost = hostName(name, value);
                case "kafka-port" -> kafkaPort = port(name, value);
                case "kafka-controller-port" -> controllerPort = port(name, value);
                case "mongo-port" -> mongoPort = port(name, value);
                case "catalogue-port" -> ports.put(Service.CATALOGUE, port(name, value));
                case "survey-port" -> ports.put(Service.SURVEY, port(name, value));
                case "analytics-port" -> ports.put(Service.ANALYTICS, port(name, value));
                case "export-port" -> ports.put(Service.EXPORT, port(name, value));
                case "partitions" -> partitions = positive(name, value);
                case "service-jvm-options" -> jvmOptions = List.of(value.trim().split("\\s+"));
                case "store-jvm-options" -> storeJvmOptions = List.of(value.trim().split("\\s+"));
                case "class-data-sharing" -> classDataSharing = bool(name, value);
                default -> throw new IllegalArgumentException("Unknown option --" + name + " (see --help)");
            }
        }
        return new PlatformSettings(dataDir, servicesDir, settings.host(), publicHost, kafkaPort,
                controllerPort == null ? kafkaPort + 1 : controllerPort, mongoPort, Map.copyOf(ports), partitions, jvmOptions,
                storeJvmOptions, classDataSharing);
    }

    public String kafkaBootstrap() {
        return host + ":" + kafkaPort;
    }

    public String mongoUri(String database) {
        return "mongodb://" + host + ":" + mongoPort + "/" + database;
    }

    /** Where the other services and the launcher reach a service. */
    public String baseUrl(Service service) {
        return "http://" + host + ":" + servicePorts.get(service);
    }

    /** Where a browser reaches a service: the base of the links its pages show. */
    public String publicUrl(Service service) {
        return "http://" + publicHost + ":" + servicePorts.get(service);
    }

    public Path jarOf(Service service) {
        return servicesDir.resolve(service.artifact()).resolve("target").resolve(service.artifact() + ".jar");
    }

    /** The same settings with a broker and a store at ports nothing listens on, for a run that must reach neither. */
    PlatformSettings withUnreachableBrokerAndStore() {
        return new PlatformSettings(dataDir, servicesDir, host, publicHost, 1, 2, 1, servicePorts, responsePartitions, serviceJvmOptions,
                storeJvmOptions, classDataSharing);
    }

    /**
     * Where a service's extracted copy and class-data-sharing archive live: beside its jar, because the build
     * makes them and every platform started from that build uses them.
     */
    public Path classDataCacheOf(Service service) {
        return jarOf(service).resolveSibling("cds");
    }

    static String usage() {
        return """
                Usage: java -jar embedded-platform/target/embedded-platform.jar [--name=value ...]
                  --data-dir=data            where Kafka logs, the MongoDB file, secrets and service logs live
                  --services-dir=.           the project root holding <service>/target/<service>.jar
                  --public-host=localhost    the name or address browsers reach the services at, in the pages'
                                             links and the dashboard's QR code: for phones in the room to take the
                                             survey, this machine's address on their network (e.g. 192.168.1.20)
                  --kafka-port=9092          --kafka-controller-port=<kafka-port + 1>   --mongo-port=27017
                  --catalogue-port=8081  --survey-port=8082  --analytics-port=8083  --export-port=8084
                  --partitions=12            partitions of pmo.survey-responses.v1 (on first start)
                  --service-jvm-options="%s"
                                             (before them: catalogue and export get %s,
                                              survey and analytics %s, the survey on fewer than 8 processors
                                              also %s)
                  --store-jvm-options="%s"
                                             the MongoDB-wire store's JVM (a child process of the launcher)
                  --class-data-sharing=true  run each service from an extracted copy with a class-data-sharing archive
                                             (<service>/target/cds, made by the build; else on its first run)
                """.formatted(String.join(" ", DEFAULT_JVM_OPTIONS), String.join(" ", Service.CATALOGUE.ownJvmOptions()),
                String.join(" ", LOADED_HEAP), String.join(" ", surveyCompilerThreads(1)),
                String.join(" ", STORE_JVM_OPTIONS));
    }

    /** A host name, an IPv4 address or a bracketed IPv6 address: what may stand between "http://" and ":port". */
    private static String hostName(String name, String value) {
        if (!value.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}]")) {
            throw new IllegalArgumentException("--" + name + " must be a host name or an IP address (an IPv6 one in"
                    + " brackets), got '" + value + "'");
        }
        return value;
    }

    private static boolean bool(String name, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--" + name + " must be true or false, got '" + value + "'");
        };
    }

    private static int port(String name, String value) {
        int port = positive(name, value);
        if (port > 65535) {
            throw new IllegalArgumentException("--" + name + " must be a TCP port, got " + value);
        }
        return port;
    }

    private static int positive(String name, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number < 1) {
                throw new IllegalArgumentException("--" + name + " must be positive, got " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + value + "'", e);
        }
    }
}
