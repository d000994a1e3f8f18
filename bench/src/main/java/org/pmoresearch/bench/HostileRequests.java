package org.pmoresearch.bench;

import org.pmoresearch.bench.EmbeddedPlatformProcess.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The malformed and malicious requests of the hostile run, by category. Request {@code i} depends only on the seed
 * and {@code i} (and, for forged tokens, on which real responses exist by then), so a run can be repeated.
 * <p>
 * Every request here must be refused unless it says otherwise ({@link Request#maySucceed()}): a body that is meant to
 * be invalid is built so that no mutation can make it valid by chance (no free text, every string an id or a member
 * name, so any change is an unknown id or member), and a request that abuses only its headers carries a body with an
 * unknown member, so that a header the server tolerates still cannot make it an accepted response.
 */
final class HostileRequests {

    enum Category {
        FUZZED_JSON("fuzzed JSON", "truncated, corrupted, deeply nested, invalid UTF-8, repeated members, trailing content, huge numbers", 17),
        OVERSIZED("oversized bodies", "2 to 20 MB, with a Content-Length or chunked, to every service", 2),
        WRONG_TYPES("wrong types", "every member of a response with a value of another JSON type or out of range", 11),
        UNKNOWN_IDS("unknown catalogue ids", "unknown versions, areas, tasks and profile values, in bodies, paths and filters", 11),
        UNKNOWN_RESPONSES("unknown response ids", "random and malformed response ids, with and without a token", 8),
        HEADER_ABUSE("header abuse", "huge and thousands of headers, bad Content-Type, bad and repeated Idempotency-Key, CR/LF and NUL in headers, "
                + "conflicting framing, bad request lines, odd Accept/Range/Expect", 14),
        PATH_TRAVERSAL("path traversal", "../ plain, %-encoded, double-encoded, overlong UTF-8, backslashes, ;-parameters, in export ids and other paths", 10),
        FORGED_TOKENS("forged report tokens", "missing, random, truncated, altered, padded, another response's, over a real response", 10),
        ADMIN("admin without or with wrong credentials", "every admin operation of the four services: no, wrong, malformed credentials", 10),
        BAD_QUERY("bad query parameters", "unknown, repeated, malformed and out-of-range parameters, cross-filters, thousands of them", 7),
        SLOW_CLIENTS("slow clients", "headers or body trickled over seconds, some abandoned half-way, a handful at a time", 0);

        private final String title;
        private final String contents;
        private final int weight;

        Category(String title, String contents, int weight) {
            this.title = title;
            this.contents = contents;
            this.weight = weight;
        }

        String title() {
            return title;
        }

        String contents() {
            return contents;
        }
    }

    /**
     * @param abandons   the client stops half-way and closes: there is no answer to wait for
     * @param maySucceed a 2xx answer is fine (a public read with odd but harmless headers); otherwise it is a finding
     */
    record Request(Category category, String label, InetSocketAddress server, byte[] head, HostileHttp.Body body,
                   boolean headRequest, boolean abandons, boolean maySucceed) {
    }

    /** A response the valid load had accepted: its id and the report token survey-service issued for it. */
    record Receipt(UUID responseId, String reportToken) {
    }

    /** What the requests are built from: the platform's addresses and what it serves. */
    record Context(Map<Service, String> baseUrls, JsonNode survey, List<byte[]> validBodies,
                   List<HostileTargets.Operation> adminOperations, Optional<String> adminPassword,
                   Optional<String> reportTokenSecret, Supplier<List<Receipt>> receipts) {
    }

    static final Duration SLOW_PAUSE = Duration.ofMillis(400);
    private static final String JSON = "application/json";
    private static final String[] TRAVERSALS = {
            "../../../../etc/passwd", "..%2f..%2f..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "%252e%252e%252f%252e%252e%252fetc%252fpasswd", "..%5c..%5c..%5cwindows%5cwin.ini", "....//....//....//etc/passwd",
            "%c0%ae%c0%ae%c0%af%c0%ae%c0%ae%c0%afetc%c0%afpasswd", "..;/..;/..;/actuator/env", "x%00", "%2e%2e/%2e%2e/actuator/env",
            "..%252f..%252f..%252fetc%252fpasswd", "%uff0e%uff0e%u2215etc%u2215passwd", "..\\..\\..\\etc\\passwd",
            "/etc/passwd", "%2fetc%2fpasswd", "file:%2f%2f%2fetc%2fpasswd", "..%00/..%00/etc/passwd", "..%c0%af..%c0%afetc%c0%afpasswd"};

    private final Context context;
    private final long seed;
    private final List<String> areaIds = new ArrayList<>();
    private final Map<String, List<String>> tasksByArea = new java.util.LinkedHashMap<>();
    private final int catalogueVersion;

    HostileRequests(Context context, long seed) {
        this.context = context;
        this.seed = seed;
        this.catalogueVersion = context.survey().get("version").asInt();
        for (JsonNode group : context.survey().get("groups")) {
            for (JsonNode area : group.get("areas")) {
                String areaId = area.get("id").asString();
                areaIds.add(areaId);
                List<String> tasks = new ArrayList<>();
                area.get("tasks").forEach(task -> tasks.add(task.get("id").asString()));
                tasksByArea.put(areaId, tasks);
            }
        }
        if (context.adminOperations().isEmpty()) {
            throw new IllegalStateException("No admin operation was found in the services' OpenAPI documents");
        }
    }

    /** The categories of {@code count} requests in a seeded shuffled order, each in proportion to its weight. */
    static List<Category> plan(int count, long seed) {
        int totalWeight = 0;
        for (Category category : Category.values()) {
            totalWeight += category.weight;
        }
        List<Category> plan = new ArrayList<>(count);
        for (Category category : Category.values()) {
            long share = Math.round((double) count * category.weight / totalWeight);
            for (long i = 0; i < share && plan.size() < count; i++) {
                plan.add(category);
            }
        }
        while (plan.size() < count) {
            plan.add(Category.FUZZED_JSON);
        }
        Collections.shuffle(plan, new Random(seed));
        return plan;
    }

    Request next(Category category, int index) {
        // Mixed through SplittableRandom: java.util.Random's first draws from neighbouring seeds are alike.
        Random random = new Random(new SplittableRandom(seed * 1_000_003L + index).nextLong());
        return switch (category) {
            case FUZZED_JSON -> fuzzedJson(random);
            case OVERSIZED -> oversized(random);
            case WRONG_TYPES -> wrongTypes(random);
            case UNKNOWN_IDS -> unknownIds(random);
            case UNKNOWN_RESPONSES -> unknownResponses(random);
            case HEADER_ABUSE -> headerAbuse(random);
            case PATH_TRAVERSAL -> pathTraversal(random);
            case FORGED_TOKENS -> forgedToken(random);
            case ADMIN -> admin(random);
            case BAD_QUERY -> badQuery(random);
            case SLOW_CLIENTS -> slowClient(random);
        };
    }

    // --- fuzzed JSON -------------------------------------------------------------------------------------------

    private Request fuzzedJson(Random random) {
        byte[] valid = PlatformClient.JSON.writeValueAsBytes(baseBody(random));
        return switch (random.nextInt(12)) {
            case 0 -> submit(Category.FUZZED_JSON, "truncated body", java.util.Arrays.copyOf(valid, 1 + random.nextInt(valid.length - 2)));
            case 1 -> submit(Category.FUZZED_JSON, "structural characters replaced", corruptStructure(valid, random));
            case 2 -> submit(Category.FUZZED_JSON, "garbage inserted", insertGarbage(valid, random));
            case 3 -> {
                int depth = 600 + random.nextInt(20_000);
                String nested = "{\"catalogueVersion\":" + catalogueVersion + ",\"selections\":{\"" + areaIds.get(0) + "\":"
                        + "[".repeat(depth) + "]".repeat(depth) + "}}";
                yield submit(Category.FUZZED_JSON, "arrays nested " + depth + " deep", utf8(nested));
            }
            case 4 -> {
                int depth = 600 + random.nextInt(5_000);
                yield submit(Category.FUZZED_JSON, "objects nested " + depth + " deep",
                        utf8("{\"profile\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}"));
            }
            case 5 -> submit(Category.FUZZED_JSON, "invalid UTF-8 in an id", invalidUtf8(valid, random));
            case 6 -> submit(Category.FUZZED_JSON, "repeated member", utf8("{\"catalogueVersion\":" + catalogueVersion
                    + ",\"catalogueVersion\":" + catalogueVersion + "," + new String(valid, StandardCharsets.UTF_8).substring(1)));
            case 7 -> submit(Category.FUZZED_JSON, "trailing content", concat(valid, utf8(pick(random, "x", "{}", "[]", "null", ",", "}"))));
            case 8 -> submit(Category.FUZZED_JSON, "not an object", utf8(pick(random, "", " ", "null", "[]", "\"response\"", "0", "true",
                    "[" + new String(valid, StandardCharsets.UTF_8) + "]")));
            case 9 -> submit(Category.FUZZED_JSON, "huge number", utf8("{\"catalogueVersion\":" + "9".repeat(1_000 + random.nextInt(40_000))
                    + ",\"selections\":{\"" + areaIds.get(0) + "\":[]}}"));
            case 10 -> submit(Category.FUZZED_JSON, "non-standard JSON", utf8(pick(random,
                    "{'catalogueVersion':" + catalogueVersion + ",'selections':{'" + areaIds.get(0) + "':[]}}",
                    "{catalogueVersion:" + catalogueVersion + ",selections:{}}",
                    "{\"catalogueVersion\":NaN,\"selections\":{}}",
                    "{\"catalogueVersion\":" + catalogueVersion + " /* comment */,\"selections\":{\"" + areaIds.get(0) + "\":[]}}",
                    "{\"catalogueVersion\":" + catalogueVersion + ",\"selections\":{\"" + areaIds.get(0) + "\":[],}}")));
            default -> {
                StringBuilder members = new StringBuilder("{\"catalogueVersion\":" + catalogueVersion + ",\"selections\":{");
                int count = 500 + random.nextInt(3_000);
                for (int i = 0; i < count; i++) {
                    members.append(i == 0 ? "" : ",").append("\"area-").append(i).append("\":[]");
                }
                yield submit(Category.FUZZED_JSON, count + " unknown areas", utf8(members.append("}}").toString()));
            }
        };
    }

    private static byte[] corruptStructure(byte[] valid, Random random) {
        byte[] corrupted = valid.clone();
        String structural = "{}[]:,\"";
        int changes = 1 + random.nextInt(4);
        for (int change = 0; change < changes; change++) {
            for (int attempt = 0; attempt < 50; attempt++) {
                int at = random.nextInt(corrupted.length);
                if (structural.indexOf(corrupted[at]) >= 0) {
                    char replacement = "{}[]:,\"\\x".charAt(random.nextInt(9));
                    if (replacement != corrupted[at]) {
                        corrupted[at] = (byte) replacement;
                        break;
                    }
                }
            }
        }
        return corrupted;
    }

    private static byte[] insertGarbage(byte[] valid, Random random) {
        String[] garbage = {",", "}", "]", ":", "\"", "{", "[", "nul", "tru", "\u0000", "/*", "'", "\\", "\u0001", "-", "1e"};
        int at = 1 + random.nextInt(valid.length - 2);
        byte[] inserted = utf8(garbage[random.nextInt(garbage.length)]);
        return concat(concat(java.util.Arrays.copyOf(valid, at), inserted), java.util.Arrays.copyOfRange(valid, at, valid.length));
    }

    private byte[] invalidUtf8(byte[] valid, Random random) {
        String text = new String(valid, StandardCharsets.UTF_8);
        int at = text.indexOf(areaIds.get(0)) >= 0 ? text.indexOf(areaIds.get(0)) + 2 : 2;
        byte[][] sequences = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
        byte[] bytes = utf8(text);
        return concat(concat(java.util.Arrays.copyOf(bytes, at), sequences[random.nextInt(sequences.length)]),
                java.util.Arrays.copyOfRange(bytes, at, bytes.length));
    }

    // --- oversized bodies --------------------------------------------------------------------------------------

    private Request oversized(Random random) {
        long size = (2L + random.nextInt(19)) * 1024 * 1024;
        boolean chunked = random.nextBoolean();
        String megabytes = (size / (1024 * 1024)) + " MB" + (chunked ? " chunked" : "");
        byte[] prefix = utf8("{\"catalogueVersion\":" + catalogueVersion + ",\"otherServices\":\"");
        return switch (random.nextInt(6)) {
            case 0, 1 -> large(Service.SURVEY, "POST", "/api/responses", JSON, prefix, size, chunked, megabytes + " response");
            case 2 -> large(Service.SURVEY, "POST", "/api/responses", "application/x-www-form-urlencoded", utf8("a="), size, chunked,
                    megabytes + " form to the responses endpoint");
            case 3 -> large(Service.CATALOGUE, "POST", "/api/admin/catalogue/import", "text/csv", utf8("group,area,task\n"), size, chunked,
                    megabytes + " catalogue import without credentials");
            case 4 -> large(Service.ANALYTICS, pick(random, "POST", "PUT"), pick(random, "/api/hotspots", "/api/responses/" + UUID.randomUUID()),
                    pick(random, JSON, "application/x-www-form-urlencoded"), utf8("a="), size, chunked, megabytes + " to a read-only path");
            default -> large(Service.EXPORT, pick(random, "POST", "PUT"), "/api/exports/pmo-services.xlsx",
                    pick(random, JSON, "application/x-www-form-urlencoded"), utf8("a="), size, chunked, megabytes + " to a download");
        };
    }

    private Request large(Service service, String method, String path, String contentType, byte[] prefix, long size, boolean chunked,
                          String label) {
        List<String> headers = new ArrayList<>(List.of(host(service), "Content-Type: " + contentType,
                "Idempotency-Key: " + UUID.randomUUID(), "Connection: close"));
        headers.add(chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + size);
        return new Request(Category.OVERSIZED, method + " " + path + ": " + label, address(service),
                HostileHttp.head(method + " " + path + " HTTP/1.1", headers), HostileHttp.Body.oversized(prefix, size, chunked),
                false, false, false);
    }

    // --- wrong types -------------------------------------------------------------------------------------------

    private Request wrongTypes(Random random) {
        ObjectNode body = baseBody(random);
        String member = pick(random, "catalogueVersion", "selections", "selections.area", "selections.task", "profile",
                "profile.answer", "otherServices", "whole");
        JsonNode wrong = pickNode(random, member);
        String firstArea = body.get("selections").propertyNames().iterator().next();
        switch (member) {
            case "catalogueVersion", "selections", "profile", "otherServices" -> body.set(member, wrong);
            case "selections.area" -> ((ObjectNode) body.get("selections")).set(firstArea, wrong);
            case "selections.task" -> ((ArrayNode) body.get("selections").get(firstArea)).add(wrong);
            case "profile.answer" -> body.putObject("profile").set(pick(random, "pmoType", "role", "sector", "region"), wrong);
            default -> {
                return submit(Category.WRONG_TYPES, "the body as " + wrong.getNodeType(), PlatformClient.JSON.writeValueAsBytes(wrong));
            }
        }
        return submit(Category.WRONG_TYPES, member + " as " + describe(wrong), PlatformClient.JSON.writeValueAsBytes(body));
    }

    private JsonNode pickNode(Random random, String member) {
        List<String> candidates = switch (member) {
            case "catalogueVersion" -> List.of("\"" + catalogueVersion + "\"", "1.5", "true", "null", "[]", "{}", "-1", "0",
                    "2147483648", "-9223372036854775809", "1e300");
            case "otherServices" -> List.of("1", "[]", "{}", "true", "\"\\u0001\\u0002\"", "\"" + "x".repeat(2_001) + "\"",
                    "\"\\ud800\"");
            case "selections.task" -> List.of("1", "null", "[\"x\"]", "{}", "true", "\"\"");
            case "profile.answer" -> List.of("1", "[\"enterprise\"]", "{}", "true", "\"\"", "\"ENTERPRISE\"");
            // An area may be chosen with no task.
            case "selections.area" -> List.of("\"x\"", "1", "null", "true", "{\"a\":\"b\"}", "[[]]", "\"\"");
            // The profile is optional: null is a valid answer to it.
            case "profile" -> List.of("\"x\"", "1", "[]", "true", "{\"a\":\"b\"}", "[[]]", "\"\"");
            default -> List.of("\"x\"", "1", "null", "[]", "true", "{\"a\":\"b\"}", "[[]]", "\"\"");
        };
        return PlatformClient.JSON.readTree(pick(random, candidates.toArray(String[]::new)));
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        return text.length() > 24 ? text.substring(0, 24) + "… (" + text.length() + " chars)" : text;
    }

    // --- unknown catalogue ids ---------------------------------------------------------------------------------

    private Request unknownIds(Random random) {
        ObjectNode body = baseBody(random);
        ObjectNode selections = (ObjectNode) body.get("selections");
        String area = areaIds.get(random.nextInt(areaIds.size()));
        return switch (random.nextInt(10)) {
            case 0 -> {
                selections.putArray("no-such-area-" + random.nextInt(1000));
                yield submit(Category.UNKNOWN_IDS, "unknown area", bytes(body));
            }
            case 1 -> {
                selections.putArray(area).add("no-such-task-" + random.nextInt(1000));
                yield submit(Category.UNKNOWN_IDS, "unknown task", bytes(body));
            }
            case 2 -> {
                String otherArea = areaIds.stream().filter(id -> !id.equals(area) && !tasksByArea.get(id).isEmpty()).findFirst().orElseThrow();
                selections.putArray(area).add(tasksByArea.get(otherArea).get(0));
                yield submit(Category.UNKNOWN_IDS, "task of another area", bytes(body));
            }
            case 3 -> {
                body.put("catalogueVersion", pick(random, catalogueVersion + 1, catalogueVersion + 1000, 0, -1));
                yield submit(Category.UNKNOWN_IDS, "unpublished catalogue version " + body.get("catalogueVersion"), bytes(body));
            }
            case 4 -> {
                body.putObject("profile").put(pick(random, "pmoType", "role", "region"), "no-such-option");
                yield submit(Category.UNKNOWN_IDS, "unknown profile value", bytes(body));
            }
            case 5 -> {
                body.putObject("profile").put("favouriteColour", "teal");
                yield submit(Category.UNKNOWN_IDS, "unknown profile question", bytes(body));
            }
            case 6 -> {
                List<String> tasks = tasksByArea.get(areaIds.stream().filter(id -> !tasksByArea.get(id).isEmpty()).findFirst().orElseThrow());
                String areaWithTasks = areaIds.stream().filter(id -> tasksByArea.get(id) == tasks).findFirst().orElseThrow();
                selections.putArray(areaWithTasks).add(tasks.get(0)).add(tasks.get(0));
                yield submit(Category.UNKNOWN_IDS, "the same task twice", bytes(body));
            }
            case 7 -> get(Category.UNKNOWN_IDS, Service.CATALOGUE, "/api/catalogue/versions/"
                    + pick(random, "999999", "0", "-1", "abc", "1.5", "99999999999999999999", "%20", "1%00"), false);
            case 8 -> get(Category.UNKNOWN_IDS, Service.CATALOGUE, "/api/catalogue/versions/"
                    + pick(random, "999999", "0", "-1", "abc") + "/changes", false);
            default -> pick(random,
                    get(Category.UNKNOWN_IDS, Service.ANALYTICS, "/api/hotspots/segments/" + pick(random, "favouriteColour", "PMOTYPE", "%00"), false),
                    get(Category.UNKNOWN_IDS, Service.ANALYTICS, "/api/hotspots?catalogueVersion=" + pick(random, "999999", "0", "-5"), false),
                    get(Category.UNKNOWN_IDS, Service.ANALYTICS, "/api/hotspots?pmoType=no-such-type", false),
                    get(Category.UNKNOWN_IDS, Service.EXPORT, "/api/exports/pmo-services.xlsx?pmoType=no-such-type", false),
                    get(Category.UNKNOWN_IDS, Service.EXPORT, "/api/exports/pmo-services.xlsx?favouriteColour=teal", false));
        };
    }

    // --- unknown response ids ----------------------------------------------------------------------------------

    private Request unknownResponses(Random random) {
        UUID unknown = new UUID(random.nextLong(), random.nextLong());
        String id = pick(random, unknown.toString(), unknown.toString(), "not-a-uuid", "1-1-1-1-1", "00000000-0000-0000-0000-00000000000",
                unknown + "0", "%7B" + unknown + "%7D", "null", "-1");
        boolean canonical = id.equals(unknown.toString());
        // A correct token for an id nobody submitted: only possible with the platform's secret; never sent to withdraw,
        // where it would withdraw a response that does not exist (and publish that).
        String token = canonical && context.reportTokenSecret().isPresent() && random.nextBoolean()
                ? tokenFor(unknown.toString(), context.reportTokenSecret().get()) : randomToken(random);
        return switch (random.nextInt(4)) {
            case 0 -> request(Category.UNKNOWN_RESPONSES, Service.ANALYTICS, "GET", "/api/responses/" + id,
                    List.of("X-Report-Token: " + token), new byte[0], false);
            case 1 -> request(Category.UNKNOWN_RESPONSES, Service.ANALYTICS, "GET", "/api/responses/" + id, List.of(), new byte[0], false);
            case 2 -> get(Category.UNKNOWN_RESPONSES, Service.EXPORT, "/api/exports/responses/" + id + ".xlsx?token=" + token, false);
            default -> request(Category.UNKNOWN_RESPONSES, Service.SURVEY, "POST", "/api/responses/" + id + "/withdraw",
                    random.nextBoolean() ? List.of("X-Report-Token: " + randomToken(random)) : List.of(), new byte[0], false);
        };
    }

    // --- header abuse ------------------------------------------------------------------------------------------

    private Request headerAbuse(Random random) {
        byte[] refused = bytes(baseBody(random).put("hostileProbe", true));
        String path = "/api/responses";
        InetSocketAddress survey = address(Service.SURVEY);
        return switch (random.nextInt(16)) {
            case 0 -> {
                int size = pick(random, 9_000, 20_000, 70_000);
                yield postWith("a " + size + "-byte header", List.of("X-Padding: " + "a".repeat(size)), refused);
            }
            case 1 -> {
                int count = pick(random, 101, 1_000, 5_000);
                List<String> headers = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    headers.add("X-Header-" + i + ": " + i);
                }
                yield postWith(count + " headers", headers, refused);
            }
            case 2 -> {
                String contentType = pick(random, "text/plain", "application/xml", "multipart/form-data; boundary=hostile",
                        "multipart/form-data", "application/x-www-form-urlencoded", "", "application/", "*/*", "json",
                        "application/json-patch+json", "application/problem+json", "application/json; charset=utf-7x",
                        "application/json;;;", "\u00e9/\u00e9");
                yield new Request(Category.HEADER_ABUSE, "Content-Type '" + contentType + "'", survey, HostileHttp.head("POST " + path + " HTTP/1.1",
                        List.of(host(Service.SURVEY), "Content-Type: " + contentType, "Idempotency-Key: " + UUID.randomUUID(),
                                "Content-Length: " + refused.length, "Connection: close")), HostileHttp.Body.of(refused), false, false, false);
            }
            case 3 -> {
                String key = pick(random, "", "not-a-uuid", "{" + UUID.randomUUID() + "}", UUID.randomUUID() + "x",
                        "00000000000000000000000000000000", "a".repeat(10_000 / 2), "' OR 1=1 --", "../../etc/passwd");
                yield raw("Idempotency-Key '" + abbreviate(key) + "'", survey, "POST " + path + " HTTP/1.1", List.of(host(Service.SURVEY),
                        "Content-Type: " + JSON, "Idempotency-Key: " + key, "Content-Length: " + refused.length, "Connection: close"), refused);
            }
            case 4 -> raw("two Idempotency-Keys", survey, "POST " + path + " HTTP/1.1", List.of(host(Service.SURVEY), "Content-Type: " + JSON,
                    "Idempotency-Key: " + UUID.randomUUID(), "Idempotency-Key: " + UUID.randomUUID(), "Content-Length: " + refused.length,
                    "Connection: close"), refused);
            case 5 -> {
                String header = pick(random, "X-Test: a\rX-Injected: b", "X-Test: a\nX-Injected: b", "X-Test: a\u0000b",
                        "X-Test: folded\r\n continued", "Bad Header: x", "NoColon", ": empty-name", "X-Test : space-before-colon",
                        "Idempotency-Key: " + UUID.randomUUID() + "\r\nX-Injected: 1");
                yield raw("CR/LF or NUL in a header", survey, "POST " + path + " HTTP/1.1", List.of(host(Service.SURVEY),
                        "Content-Type: " + JSON, header, "Content-Length: " + refused.length, "Connection: close"), refused);
            }
            case 6 -> {
                List<String> framing = pick(random, List.of("Content-Length: -1"), List.of("Content-Length: abc"),
                        List.of("Content-Length: 99999999999999999999"), List.of("Content-Length: " + refused.length, "Content-Length: 3"),
                        List.of("Content-Length: " + refused.length, "Transfer-Encoding: chunked"), List.of("Transfer-Encoding: gzip"),
                        List.of("Transfer-Encoding: chunked, identity"), List.of("Transfer-Encoding: xchunked"));
                List<String> headers = new ArrayList<>(List.of(host(Service.SURVEY), "Content-Type: " + JSON,
                        "Idempotency-Key: " + UUID.randomUUID(), "Connection: close"));
                headers.addAll(framing);
                yield raw("framing " + String.join(" + ", framing), survey, "POST " + path + " HTTP/1.1", headers, refused);
            }
            case 7 -> {
                String chunks = pick(random, "zz\r\nabc\r\n0\r\n\r\n", "ffffffffffffffffffff\r\nabc\r\n0\r\n\r\n", "3\r\nabcdef\r\n0\r\n\r\n",
                        "-1\r\nabc\r\n0\r\n\r\n", "3;" + "x".repeat(10_000) + "\r\nabc\r\n0\r\n\r\n");
                yield raw("bad chunks", survey, "POST " + path + " HTTP/1.1", List.of(host(Service.SURVEY), "Content-Type: " + JSON,
                        "Idempotency-Key: " + UUID.randomUUID(), "Transfer-Encoding: chunked", "Connection: close"), utf8(chunks));
            }
            case 8 -> {
                Service service = pick(random, Service.values());
                String line = pick(random, "FOO /api/hotspots HTTP/1.1", "get /actuator/health HTTP/1.1", "GET  /actuator/health  HTTP/1.1",
                        "GET /actuator/health HTTP/2.0", "GET /actuator/health HTTP/9.9", "GET /actuator/health", "GET http://evil.example/actuator/env HTTP/1.1",
                        "CONNECT localhost:22 HTTP/1.1", "TRACE /actuator/health HTTP/1.1", "OPTIONS * HTTP/1.1", "G\u00c9T / HTTP/1.1",
                        "GET /" + "a".repeat(10_000) + " HTTP/1.1", "GET /actuator/health\u0000 HTTP/1.1", "DELETE /api/survey HTTP/1.1");
                boolean harmless = line.startsWith("OPTIONS") || line.startsWith("GET  ");
                yield new Request(Category.HEADER_ABUSE, "request line '" + abbreviate(line) + "'", address(service),
                        HostileHttp.head(line, List.of(host(service), "Connection: close")), HostileHttp.Body.NONE, false, false, harmless);
            }
            case 9 -> {
                Service service = pick(random, Service.values());
                List<String> hosts = pick(random, List.of(), List.of("Host: a", "Host: b"), List.of("Host: evil.example"),
                        List.of("Host: " + "h".repeat(5_000)), List.of("Host: localhost:99999"), List.of("Host: [::1"));
                List<String> headers = new ArrayList<>(hosts);
                headers.add("Connection: close");
                // A read of the health endpoint: what matters is that no Host breaks the server, not whether it answers.
                yield new Request(Category.HEADER_ABUSE, "Host " + hosts.stream().map(HostileRequests::abbreviate).toList(), address(service),
                        HostileHttp.head("GET /actuator/health HTTP/1.1", headers), HostileHttp.Body.NONE, false, false, true);
            }
            case 10 -> {
                String expect = pick(random, "100-continue", "200-ok", "x".repeat(2_000));
                yield postWith("Expect '" + abbreviate(expect) + "'", List.of("Expect: " + expect), refused);
            }
            case 11 -> {
                Service service = pick(random, Service.values());
                String target = publicRead(service);
                String header = pick(random, "Accept: image/png", "Accept: application/xml", "Accept: */*;q=abc", "Accept: " + "a/b,".repeat(1_000),
                        "Range: bytes=99999999-", "Range: bytes=0-1,0-1,0-1,0-1,0-1", "If-None-Match: " + "\"x\",".repeat(500),
                        "If-Modified-Since: yesterday", "Accept-Encoding: gzip;q=x", "Accept-Language: ??", "Accept-Charset: ebcdic",
                        "Origin: http://evil.example", "Authorization: Bearer abc", "Cookie: " + "a=b; ".repeat(1_000),
                        "X-Forwarded-Host: evil.example", "Forwarded: for=\"[::1\";host=evil", "X-HTTP-Method-Override: DELETE");
                yield new Request(Category.HEADER_ABUSE, service.artifact() + " GET " + target + " with " + abbreviate(header), address(service),
                        HostileHttp.head("GET " + target + " HTTP/1.1", List.of(host(service), header, "Connection: close")),
                        HostileHttp.Body.NONE, false, false, true);
            }
            case 12 -> {
                Service service = pick(random, Service.values());
                String header = pick(random, "Authorization: Basic !!!", "Authorization: Basic ", "Authorization: Basic "
                        + base64("no-colon"), "Authorization: Digest username=\"admin\"", "Authorization: " + "B".repeat(9_000));
                String target = service == Service.ANALYTICS ? "/api/hotspots" : "/actuator/health";
                yield new Request(Category.HEADER_ABUSE, service.artifact() + " public read with " + abbreviate(header), address(service),
                        HostileHttp.head("GET " + target + " HTTP/1.1", List.of(host(service), header, "Connection: close")),
                        HostileHttp.Body.NONE, false, false, true);
            }
            case 13 -> {
                // Response splitting: a CR LF that reaches a header the service writes (the redirect's Location).
                Service service = pick(random, Service.SURVEY, Service.ANALYTICS);
                String page = service == Service.SURVEY ? "/survey" : "/dashboard";
                yield new Request(Category.HEADER_ABUSE, "CR LF in a redirected path", address(service),
                        HostileHttp.head("GET " + page + pick(random, "%0d%0aX-Injected:%201", "%0aSet-Cookie:%20hostile=1", "%E5%98%8A%E5%98%8DX-Injected:%201")
                                + " HTTP/1.1", List.of(host(service), "Connection: close")), HostileHttp.Body.NONE, false, false, true);
            }
            case 14 -> {
                Service service = pick(random, Service.values());
                String method = pick(random, "PUT", "PATCH", "DELETE");
                String form = pick(random, "a=%zz", "%=1", "a=%", "a=" + "%41".repeat(2_000), "&&&==&", "a=%u0041");
                yield new Request(Category.HEADER_ABUSE, method + " with a malformed form body", address(service),
                        HostileHttp.head(method + " /api/" + (service == Service.EXPORT ? "exports/pmo-services.xlsx" : "survey") + " HTTP/1.1",
                                List.of(host(service), "Content-Type: application/x-www-form-urlencoded", "Content-Length: " + utf8(form).length,
                                        "Connection: close")), HostileHttp.Body.of(utf8(form)), false, false, false);
            }
            default -> {
                String body = pick(random, "--hostile\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n",
                        "garbage", "--hostile--", "--hostile\r\n\r\n" + "x".repeat(1_000_000) + "\r\n--hostile--\r\n");
                String contentType = pick(random, "multipart/form-data; boundary=hostile", "multipart/form-data", "multipart/mixed");
                Service service = pick(random, Service.values());
                boolean read = random.nextBoolean();
                String target = read ? publicRead(service)
                        : service == Service.SURVEY ? path : "/api/" + (service == Service.EXPORT ? "exports/pmo-services.xlsx" : "hotspots");
                // A read with a body it does not need may be served; a post of a form nobody takes may not.
                yield new Request(Category.HEADER_ABUSE, service.artifact() + (read ? " GET " : " POST ") + target + " with a malformed "
                        + contentType + " body", address(service), HostileHttp.head((read ? "GET " : "POST ") + target + " HTTP/1.1",
                        List.of(host(service), "Content-Type: " + contentType, "Idempotency-Key: " + UUID.randomUUID(),
                                "Content-Length: " + utf8(body).length, "Connection: close")),
                        HostileHttp.Body.of(utf8(body)), false, false, read);
            }
        };
    }

    /** A read of the service's public data that any visitor may make. */
    static String publicRead(Service service) {
        return switch (service) {
            case ANALYTICS -> "/api/hotspots";
            case CATALOGUE -> "/api/catalogue";
            case EXPORT -> "/api/exports/pmo-services.xlsx";
            case SURVEY -> "/api/survey";
        };
    }

    private Request postWith(String label, List<String> extraHeaders, byte[] body) {
        List<String> headers = new ArrayList<>(List.of(host(Service.SURVEY), "Content-Type: " + JSON, "Idempotency-Key: " + UUID.randomUUID(),
                "Content-Length: " + body.length, "Connection: close"));
        headers.addAll(extraHeaders);
        return raw(label, address(Service.SURVEY), "POST /api/responses HTTP/1.1", headers, body);
    }

    private static Request raw(String label, InetSocketAddress server, String requestLine, List<String> headers, byte[] body) {
        return new Request(Category.HEADER_ABUSE, label, server, HostileHttp.head(requestLine, headers), HostileHttp.Body.of(body),
                false, false, false);
    }

    // --- path traversal ----------------------------------------------------------------------------------------

    private Request pathTraversal(Random random) {
        String traversal = pick(random, TRAVERSALS);
        return switch (random.nextInt(9)) {
            case 0, 1, 2 -> get(Category.PATH_TRAVERSAL, Service.EXPORT, "/api/exports/responses/" + traversal + ".xlsx?token=" + randomToken(random), false);
            case 3 -> get(Category.PATH_TRAVERSAL, Service.EXPORT, pick(random, "/api/exports/" + traversal, "/api/exports/..%2fresponses.csv",
                    "/api/exports/responses.csv/", "/api/exports/responses.CSV", "/api/exports/responses.csv;x=y", "/api/exports//responses.csv",
                    "/api/exports/./responses.xlsx", "/api/exports/responses.xlsx%3f", "/api/exports/responses%2exlsx",
                    "/api/exports/%72esponses.csv", "/api/exports/pmo-services.xlsx/../responses.csv"), false);
            case 4 -> get(Category.PATH_TRAVERSAL, Service.ANALYTICS, pick(random, "/api/responses/" + traversal, "/api/responses/..%2fadmin%2fresponses",
                    "/api/admin/..;/hotspots", "/dashboard/../api/admin/responses", "/dashboard/" + traversal, "/webjars/" + traversal,
                    "/dashboard/..%2f..%2fapplication.yml", "/api/hotspots/..%2f..%2fadmin%2fresponses", "/api/hotspots/../admin/responses",
                    "/dashboard/%2e%2e/api/admin/dlq"), false);
            case 5 -> get(Category.PATH_TRAVERSAL, Service.CATALOGUE, pick(random, "/admin/catalogue/" + traversal,
                    "/admin/catalogue/../../api/admin/catalogue/draft", "/api/catalogue/..;/admin/catalogue/draft",
                    "/api/catalogue/%2e%2e/admin/catalogue/draft", "/api/catalogue/versions/" + traversal, "/api/catalogue/../admin/catalogue/export.csv",
                    "/admin/catalogue/..%2f..%2fapplication.yml"), false);
            case 6 -> get(Category.PATH_TRAVERSAL, Service.SURVEY, pick(random, "/survey/" + traversal, "/survey/../application.yml",
                    "/survey/..%2f..%2fapplication.yml", "/survey/%2e%2e/%2e%2e/etc/passwd", "/survey/..%5capplication.yml",
                    "/survey/%c0%ae%c0%ae/application.yml", "/application.yml", "/static/../application.yml", "/survey/....//application.yml",
                    "/BOOT-INF/classes/application.yml", "/META-INF/MANIFEST.MF"), false);
            case 7 -> request(Category.PATH_TRAVERSAL, Service.SURVEY, "POST", "/api/responses/" + traversal + "/withdraw",
                    List.of("X-Report-Token: " + randomToken(random)), new byte[0], false);
            default -> {
                Service service = pick(random, Service.values());
                yield get(Category.PATH_TRAVERSAL, service, pick(random, "/actuator/../actuator/env", "/actuator;/env", "/actuator/%65nv",
                        "/actuator/health/../env", "/actuator/health/..%2fenv", "/actuator/health;/../heapdump", "/actuator/prometheus/../beans",
                        "/actuator//env", "/actuator/./env", "/%61ctuator/env"), false);
            }
        };
    }

    // --- forged report tokens ----------------------------------------------------------------------------------

    private Request forgedToken(Random random) {
        List<Receipt> receipts = context.receipts().get();
        if (receipts.isEmpty()) {
            return unknownResponses(random);
        }
        Receipt target = receipts.get(random.nextInt(receipts.size()));
        Receipt other = receipts.get(random.nextInt(receipts.size()));
        String real = target.reportToken();
        String forged = forge(random, real, other.responseId().equals(target.responseId()) ? null : other.reportToken());
        String label = "token " + forgeryName(real, forged, other);
        return switch (random.nextInt(5)) {
            case 0, 1 -> request(Category.FORGED_TOKENS, Service.ANALYTICS, "GET", "/api/responses/" + target.responseId(),
                    forged == null ? List.of() : List.of("X-Report-Token: " + forged), new byte[0], false, label);
            case 2 -> get(Category.FORGED_TOKENS, Service.EXPORT, "/api/exports/responses/" + target.responseId() + ".xlsx"
                    + (forged == null ? "" : "?token=" + urlEncode(forged)), false, label);
            case 3 -> pick(random,
                    request(Category.FORGED_TOKENS, Service.EXPORT, "GET", "/api/exports/responses/" + target.responseId() + ".xlsx",
                            List.of("X-Report-Token: " + real), new byte[0], false, "the real token in a header instead of the query"),
                    get(Category.FORGED_TOKENS, Service.EXPORT, "/api/exports/responses/" + target.responseId() + ".xlsx?token="
                            + urlEncode(real) + "&token=" + urlEncode(real), false, "the real token twice"),
                    request(Category.FORGED_TOKENS, Service.ANALYTICS, "GET", "/api/responses/" + target.responseId() + "?token=" + urlEncode(real),
                            List.of(), new byte[0], false, "the real token in the query instead of the header"));
            default -> request(Category.FORGED_TOKENS, Service.SURVEY, "POST", "/api/responses/" + target.responseId() + "/withdraw",
                    forged == null ? List.of() : List.of("X-Report-Token: " + forged), new byte[0], false, label);
        };
    }

    /** A token that is not the real one; null for none at all. */
    private String forge(Random random, String real, String anotherResponsesToken) {
        int variant = random.nextInt(11);
        return switch (variant) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> randomToken(random);
            case 3 -> real.substring(0, 1 + random.nextInt(real.length() - 1));
            case 4 -> {
                char[] chars = real.toCharArray();
                int at = random.nextInt(chars.length);
                chars[at] = chars[at] == 'A' ? 'B' : 'A';
                yield new String(chars);
            }
            case 5 -> real + "=";
            case 6 -> real.replace('-', '+').replace('_', '/') + (real.contains("-") || real.contains("_") ? "" : "x");
            case 7 -> anotherResponsesToken == null ? real + "A" : anotherResponsesToken;
            case 8 -> real + real;
            case 9 -> context.reportTokenSecret().map(secret -> tokenFor(real, secret)).orElse(randomToken(random));
            default -> "x".repeat(4_000 + random.nextInt(4_000));
        };
    }

    private static String forgeryName(String real, String forged, Receipt other) {
        if (forged == null) {
            return "missing";
        }
        if (forged.isEmpty()) {
            return "empty";
        }
        if (forged.equals(other.reportToken())) {
            return "of another response";
        }
        if (real.startsWith(forged)) {
            return "truncated";
        }
        if (forged.length() > 1_000) {
            return forged.length() + " characters";
        }
        return forged.length() == real.length() ? "altered or random" : "padded or re-encoded";
    }

    // --- admin -------------------------------------------------------------------------------------------------

    private Request admin(Random random) {
        HostileTargets.Operation operation = context.adminOperations().get(random.nextInt(context.adminOperations().size()));
        String password = context.adminPassword().orElse("not-the-password");
        String credential = pick(random,
                null,
                "Basic " + base64("admin:wrong-" + random.nextInt(1000)),
                "Basic " + base64("intruder-" + random.nextInt(1000) + ":" + password),
                "Basic " + base64("admin:"),
                "Basic " + base64(":" + password),
                "Basic !!!not-base64",
                "Basic " + base64("admin"),
                "Bearer " + randomToken(random),
                "basic " + base64("admin:wrong"),
                "Basic " + base64("admin:" + password + "x"),
                "Basic " + base64("admin:" + password.substring(0, password.length() - 1)),
                "Basic " + base64("a".repeat(5_000) + ":" + password),
                "Digest username=\"admin\", response=\"0\"");
        List<String> headers = new ArrayList<>();
        if (credential != null) {
            headers.add("Authorization: " + credential);
        }
        boolean writes = !operation.method().equals("GET") && !operation.method().equals("HEAD");
        byte[] body = new byte[0];
        if (writes) {
            headers.add("Content-Type: " + JSON);
            headers.add("If-Match: \"1\"");
            body = utf8("{\"name\":\"Hostile\"}");
        }
        String label = operation + " with " + (credential == null ? "no credential" : abbreviate(credential.replace(password, "<password>")));
        return request(Category.ADMIN, operation.service(), operation.method(), operation.path(), headers, body, false, label);
    }

    // --- bad query parameters ----------------------------------------------------------------------------------

    private Request badQuery(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> get(Category.BAD_QUERY, Service.ANALYTICS, "/api/hotspots?" + pick(random, "pmoType=enterprise&pmoType=business-unit",
                    "catalogueVersion=abc", "catalogueVersion=99999999999999999999", "catalogueVersion=", "unknown=1",
                    "pmoType=enterprise&role=pmo-manager", "%zz=1", "a[]=1&a[]=2", "pmoType=%00", "pmoType=enterprise%0d%0aX-Injected:%201",
                    "catalogueVersion=1e3", "catalogueVersion=0x1", "pmoType", manyParameters(random),
                    "x=" + "y".repeat(7_000), "pmoType=" + "%ff".repeat(100)), false);
            case 1 -> get(Category.BAD_QUERY, Service.EXPORT, "/api/exports/pmo-services.xlsx?" + pick(random, "pmoType=enterprise&pmoType=enterprise",
                    "pmoType=", "foo=bar", "pmoType=%ff", "pmoType=enterprise&role=pmo-manager", "%zz", manyParameters(random),
                    "region=" + "x".repeat(5_000)), false);
            case 2 -> get(Category.BAD_QUERY, Service.EXPORT, "/api/exports/responses/" + UUID.randomUUID() + ".xlsx?" + pick(random,
                    "token=a&extra=1", "token", "tok%65n=a&x=%zz", manyParameters(random)), false);
            default -> get(Category.BAD_QUERY, Service.ANALYTICS, "/api/hotspots/segments/pmoType?" + pick(random,
                    "catalogueVersion=abc", "%zz=1", manyParameters(random)), true);
        };
    }

    private static String manyParameters(Random random) {
        int count = pick(random, 1_001, 3_000, 12_000);
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < count; i++) {
            query.append(i == 0 ? "" : "&").append("p").append(i).append("=1");
        }
        return query.toString();
    }

    // --- slow clients ------------------------------------------------------------------------------------------

    private Request slowClient(Random random) {
        int pieces = 8 + random.nextInt(5);
        return switch (random.nextInt(4)) {
            case 0 -> {
                byte[] head = HostileHttp.head("GET /api/hotspots HTTP/1.1", List.of(host(Service.ANALYTICS), "Accept: application/json",
                        "Connection: close"));
                yield new Request(Category.SLOW_CLIENTS, "GET /api/hotspots, head trickled", address(Service.ANALYTICS), new byte[0],
                        HostileHttp.Body.trickled(head, pieces, SLOW_PAUSE), false, false, true);
            }
            case 1 -> {
                byte[] body = bytes(baseBody(random).put("hostileProbe", true));
                byte[] head = HostileHttp.head("POST /api/responses HTTP/1.1", List.of(host(Service.SURVEY), "Content-Type: " + JSON,
                        "Idempotency-Key: " + UUID.randomUUID(), "Content-Length: " + body.length, "Connection: close"));
                yield new Request(Category.SLOW_CLIENTS, "POST /api/responses, body trickled", address(Service.SURVEY), head,
                        HostileHttp.Body.trickled(body, pieces, SLOW_PAUSE), false, false, false);
            }
            case 2 -> {
                byte[] body = bytes(baseBody(random));
                byte[] head = HostileHttp.head("POST /api/responses HTTP/1.1", List.of(host(Service.SURVEY), "Content-Type: " + JSON,
                        "Idempotency-Key: " + UUID.randomUUID(), "Content-Length: " + body.length, "Connection: close"));
                byte[] half = java.util.Arrays.copyOf(body, body.length / 2);
                yield new Request(Category.SLOW_CLIENTS, "POST /api/responses, half the body trickled, then abandoned", address(Service.SURVEY),
                        head, HostileHttp.Body.trickled(half, pieces, SLOW_PAUSE), false, true, false);
            }
            default -> {
                byte[] head = HostileHttp.head("GET /api/exports/pmo-services.xlsx HTTP/1.1", List.of(host(Service.EXPORT)));
                byte[] partial = java.util.Arrays.copyOf(head, head.length - 2);
                yield new Request(Category.SLOW_CLIENTS, "GET a download, head trickled and never finished", address(Service.EXPORT),
                        new byte[0], HostileHttp.Body.trickled(partial, pieces, SLOW_PAUSE), false, true, false);
            }
        };
    }

    // --- building blocks ---------------------------------------------------------------------------------------

    /**
     * A valid response without free text: every string left is an id or a member name, so any corruption of it
     * names something unknown instead of changing a text the survey would accept.
     */
    private ObjectNode baseBody(Random random) {
        byte[] valid = context.validBodies().get(random.nextInt(context.validBodies().size()));
        ObjectNode body = (ObjectNode) PlatformClient.JSON.readTree(valid);
        body.remove("otherServices");
        return body;
    }

    private Request submit(Category category, String label, byte[] body) {
        return request(category, Service.SURVEY, "POST", "/api/responses", List.of("Content-Type: " + JSON,
                "Idempotency-Key: " + UUID.randomUUID()), body, false, label);
    }

    private Request get(Category category, Service service, String target, boolean maySucceed) {
        return get(category, service, target, maySucceed, null);
    }

    private Request get(Category category, Service service, String target, boolean maySucceed, String label) {
        return request(category, service, "GET", target, List.of(), new byte[0], maySucceed, label);
    }

    private Request request(Category category, Service service, String method, String target, List<String> headers, byte[] body,
                            boolean maySucceed) {
        return request(category, service, method, target, headers, body, maySucceed, null);
    }

    private Request request(Category category, Service service, String method, String target, List<String> headers, byte[] body,
                            boolean maySucceed, String label) {
        List<String> lines = new ArrayList<>();
        lines.add(host(service));
        lines.addAll(headers);
        if (body.length > 0 || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            lines.add("Content-Length: " + body.length);
        }
        lines.add("Connection: close");
        String description = service.artifact() + " " + method + " " + abbreviate(target) + (label == null ? "" : ": " + label);
        return new Request(category, description, address(service), HostileHttp.head(method + " " + target + " HTTP/1.1", lines),
                HostileHttp.Body.of(body), method.equals("HEAD"), false, maySucceed);
    }

    private String host(Service service) {
        InetSocketAddress address = address(service);
        return "Host: " + address.getHostString() + ":" + address.getPort();
    }

    private InetSocketAddress address(Service service) {
        return HostileHttp.addressOf(context.baseUrls().get(service));
    }

    /** base64url (no padding) of HMAC-SHA256(secret, text): how the platform computes a report token. */
    static String tokenFor(String text, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static String randomToken(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String urlEncode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String abbreviate(String text) {
        String printable = text.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
        return printable.length() > 60 ? printable.substring(0, 48) + "… (" + printable.length() + " chars)" : printable;
    }

    private static byte[] bytes(JsonNode node) {
        return PlatformClient.JSON.writeValueAsBytes(node);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
