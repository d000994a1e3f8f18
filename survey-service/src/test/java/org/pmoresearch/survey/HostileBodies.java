package org.pmoresearch.survey;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Bodies a hostile or broken client might send to POST /api/responses, against the catalogue of
 * {@link TestCatalogues}. Every one must be answered 4xx and none may reach Kafka.
 */
public final class HostileBodies {

    /** @param status the 4xx the service answers */
    public record HostileBody(String description, byte[] content, int status) {

        @Override
        public String toString() {
            return description;
        }
    }

    private static final int ONE_MEGABYTE = 1024 * 1024;

    private HostileBodies() {
    }

    public static List<HostileBody> all() {
        return List.of(
                // wrong types and nulls
                badRequest("catalogue version as a string", """
                        {"catalogueVersion": "1", "selections": {"secretariat": []}}"""),
                badRequest("catalogue version as a boolean", """
                        {"catalogueVersion": true, "selections": {"secretariat": []}}"""),
                badRequest("catalogue version as an object", """
                        {"catalogueVersion": {"$gt": 0}, "selections": {"secretariat": []}}"""),
                badRequest("catalogue version null", """
                        {"catalogueVersion": null, "selections": {"secretariat": []}}"""),
                badRequest("catalogue version negative", """
                        {"catalogueVersion": -1, "selections": {"secretariat": []}}"""),
                badRequest("catalogue version beyond any number type", """
                        {"catalogueVersion": 1e400, "selections": {"secretariat": []}}"""),
                badRequest("selections null", """
                        {"catalogueVersion": 1, "selections": null}"""),
                badRequest("selections as a string", """
                        {"catalogueVersion": 1, "selections": "secretariat"}"""),
                badRequest("selections as a number", """
                        {"catalogueVersion": 1, "selections": 4}"""),
                badRequest("task list null", """
                        {"catalogueVersion": 1, "selections": {"secretariat": null}}"""),
                badRequest("task id null", """
                        {"catalogueVersion": 1, "selections": {"secretariat": ["minutes", null]}}"""),
                badRequest("task id as an object", """
                        {"catalogueVersion": 1, "selections": {"secretariat": [{"id": "minutes"}]}}"""),
                badRequest("profile as an array", """
                        {"catalogueVersion": 1, "profile": ["enterprise"], "selections": {"secretariat": []}}"""),
                badRequest("profile answer as a number", """
                        {"catalogueVersion": 1, "profile": {"role": 3}, "selections": {"secretariat": []}}"""),
                badRequest("other services as an object", """
                        {"catalogueVersion": 1, "selections": {"secretariat": []}, "otherServices": {"text": "x"}}"""),
                badRequest("body is a JSON string", "\"please accept me\""),
                badRequest("body is the JSON null", "null"),
                // huge arrays and deep nesting
                badRequest("five thousand copies of one task", """
                        {"catalogueVersion": 1, "selections": {"secretariat": [%s]}}"""
                        .formatted(repeatJoined("\"minutes\"", 5000))),
                badRequest("three thousand unknown areas", """
                        {"catalogueVersion": 1, "selections": {%s}}"""
                        .formatted(IntStream.range(0, 3000).mapToObj(i -> "\"a" + i + "\": []")
                                .collect(Collectors.joining(",")))),
                badRequest("arrays nested 5000 deep", """
                        {"catalogueVersion": 1, "selections": {"secretariat": %s}}""".formatted("[".repeat(5000))),
                badRequest("objects nested 2000 deep in an unknown member", """
                        {"catalogueVersion": 1, "selections": {"secretariat": []}, "x": %s1%s}"""
                        .formatted("{\"x\":".repeat(2000), "}".repeat(2000))),
                // unknown and duplicate ids and members
                badRequest("unknown area", """
                        {"catalogueVersion": 1, "selections": {"astrology": []}}"""),
                badRequest("unknown task", """
                        {"catalogueVersion": 1, "selections": {"secretariat": ["horoscopes"]}}"""),
                badRequest("task of another area", """
                        {"catalogueVersion": 1, "selections": {"secretariat": ["risk-register"]}}"""),
                badRequest("duplicate task", """
                        {"catalogueVersion": 1, "selections": {"secretariat": ["minutes", "minutes"]}}"""),
                badRequest("duplicate area member", """
                        {"catalogueVersion": 1, "selections": {"secretariat": [], "secretariat": ["minutes"]}}"""),
                badRequest("duplicate top-level member", """
                        {"catalogueVersion": 1, "selections": {"secretariat": []}, "selections": {"risk-management": []}}"""),
                badRequest("unknown top-level member", """
                        {"catalogueVersion": 1, "selections": {"secretariat": []}, "isAdmin": true}"""),
                badRequest("unknown profile dimension", """
                        {"catalogueVersion": 1, "profile": {"email": "me@example.org"}, "selections": {"secretariat": []}}"""),
                badRequest("profile answer outside the allowed list", """
                        {"catalogueVersion": 1, "profile": {"pmoType": "<script>alert(1)</script>"}, "selections": {"secretariat": []}}"""),
                // prototype pollution
                badRequest("__proto__ at the top level", """
                        {"catalogueVersion": 1, "selections": {"secretariat": []}, "__proto__": {"isAdmin": true}}"""),
                badRequest("constructor.prototype at the top level", """
                        {"catalogueVersion": 1, "selections": {"secretariat": []}, "constructor": {"prototype": {"isAdmin": true}}}"""),
                badRequest("__proto__ as an area id", """
                        {"catalogueVersion": 1, "selections": {"__proto__": ["minutes"]}}"""),
                badRequest("constructor as a task id", """
                        {"catalogueVersion": 1, "selections": {"secretariat": ["constructor"]}}"""),
                badRequest("__proto__ in the profile", """
                        {"catalogueVersion": 1, "profile": {"__proto__": {"role": "head-of-pmo"}}, "selections": {"secretariat": []}}"""),
                // bytes that are not UTF-8, and text that is not plain text
                badRequest("invalid UTF-8 in a value", bytes("{\"catalogueVersion\": 1, \"selections\": {\"secretariat\": []}, "
                        + "\"otherServices\": \"", new byte[] {(byte) 0xC3, (byte) 0x28}, "\"}")),
                badRequest("lone continuation byte in a member name", bytes("{\"catalogueVersion\": 1, \"", new byte[] {(byte) 0x80},
                        "\": 1, \"selections\": {\"secretariat\": []}}")),
                badRequest("overlong UTF-8 encoding of a slash", bytes("{\"catalogueVersion\": 1, \"selections\": {\"secretariat\": []}, "
                        + "\"otherServices\": \"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}")),
                badRequest("NUL character in other services", """
                        {"catalogueVersion": 1, "selections": {"secretariat": []}, "otherServices": "a\\u0000b"}"""),
                badRequest("unpaired surrogate in other services", """
                        {"catalogueVersion": 1, "selections": {"secretariat": []}, "otherServices": "a\\ud800b"}"""),
                badRequest("other services one character too long", """
                        {"catalogueVersion": 1, "selections": {"secretariat": []}, "otherServices": "%s"}"""
                        .formatted("x".repeat(2001))),
                // not JSON at all
                badRequest("trailing second document", """
                        {"catalogueVersion": 1, "selections": {"secretariat": []}} {"catalogueVersion": 1}"""),
                badRequest("comments", """
                        {"catalogueVersion": 1, /* hello */ "selections": {"secretariat": []}}"""),
                badRequest("NaN", """
                        {"catalogueVersion": NaN, "selections": {"secretariat": []}}"""),
                badRequest("single quotes", """
                        {'catalogueVersion': 1, 'selections': {'secretariat': []}}"""),
                // megabyte bodies
                tooLarge("1 MB string in other services", """
                        {"catalogueVersion": 1, "selections": {"secretariat": []}, "otherServices": "%s"}"""
                        .formatted("x".repeat(ONE_MEGABYTE))),
                tooLarge("1 MB member name", """
                        {"catalogueVersion": 1, "selections": {"secretariat": []}, "%s": 1}"""
                        .formatted("k".repeat(ONE_MEGABYTE))),
                tooLarge("1 MB task id", """
                        {"catalogueVersion": 1, "selections": {"secretariat": ["%s"]}}"""
                        .formatted("t".repeat(ONE_MEGABYTE))),
                tooLarge("1 MB of whitespace around a valid body", " ".repeat(ONE_MEGABYTE) + """
                        {"catalogueVersion": 1, "selections": {"secretariat": []}}"""));
    }

    private static HostileBody badRequest(String description, String json) {
        return new HostileBody(description, json.getBytes(StandardCharsets.UTF_8), 400);
    }

    private static HostileBody badRequest(String description, byte[] content) {
        return new HostileBody(description, content, 400);
    }

    private static HostileBody tooLarge(String description, String json) {
        return new HostileBody(description, json.getBytes(StandardCharsets.UTF_8), 413);
    }

    private static String repeatJoined(String element, int times) {
        return String.join(",", Collections.nCopies(times, element));
    }

    private static byte[] bytes(String before, byte[] raw, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(raw);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
