package org.pmoresearch.bench;

import org.pmoresearch.bench.EmbeddedPlatformProcess.Service;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the hostile run and the security checks aim at, read from the platform itself: every admin operation each
 * service describes in its OpenAPI document (a path under an admin prefix, or an operation that declares a security
 * requirement), plus the admin pages, which no OpenAPI document lists.
 */
final class HostileTargets {

    /** One operation: an HTTP method and a concrete path (path variables filled in). */
    record Operation(Service service, String method, String path) {

        @Override
        public String toString() {
            return service.artifact() + " " + method + " " + path;
        }
    }

    /** The admin pages: static files behind the admin credential, so no OpenAPI document lists them. */
    static final Map<Service, List<String>> ADMIN_PAGES = Map.of(
            Service.CATALOGUE, List.of("/admin/catalogue", "/admin/catalogue/", "/admin/catalogue/index.html",
                    "/admin/catalogue/admin.js", "/admin/catalogue/admin.css"));

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");
    private static final String EXAMPLE_RESPONSE_ID = "3f2b8c1e-7d4a-4e9b-9c3f-2a1b0c9d8e7f";

    private HostileTargets() {
    }

    static Map<Service, String> baseUrls(PlatformUnderTest.Urls urls) {
        Map<Service, String> baseUrls = new EnumMap<>(Service.class);
        baseUrls.put(Service.CATALOGUE, urls.catalogue());
        baseUrls.put(Service.SURVEY, urls.survey());
        baseUrls.put(Service.ANALYTICS, urls.analytics());
        baseUrls.put(Service.EXPORT, urls.export());
        return baseUrls;
    }

    /** Every admin operation of every service, from its {@code /v3/api-docs}, then the admin pages (GET). */
    static List<Operation> adminOperations(HttpClient http, Map<Service, String> baseUrls) throws IOException, InterruptedException {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<Service, String> service : baseUrls.entrySet()) {
            JsonNode document = apiDocs(http, service.getValue());
            boolean securedByDefault = !document.path("security").isEmpty();
            for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
                for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                    if (!isHttpMethod(operation.getKey())) {
                        continue;
                    }
                    JsonNode security = operation.getValue().path("security");
                    boolean secured = security.isMissingNode() ? securedByDefault : !security.isEmpty();
                    if (isAdminPath(path.getKey()) || secured) {
                        operations.add(new Operation(service.getKey(), operation.getKey().toUpperCase(Locale.ROOT),
                                concrete(path.getKey())));
                    }
                }
            }
            ADMIN_PAGES.getOrDefault(service.getKey(), List.of())
                    .forEach(page -> operations.add(new Operation(service.getKey(), "GET", page)));
        }
        return List.copyOf(operations);
    }

    static JsonNode apiDocs(HttpClient http, String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v3/api-docs"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + baseUrl + "/v3/api-docs answered " + response.statusCode());
        }
        return PlatformClient.JSON.readTree(response.body());
    }

    private static boolean isAdminPath(String path) {
        return path.contains("/admin/") || path.endsWith("/admin");
    }

    private static boolean isHttpMethod(String name) {
        return List.of("get", "put", "post", "delete", "patch", "head", "options").contains(name);
    }

    /** A path template with plausible values in its variables, so the request reaches the operation's own rules. */
    static String concrete(String template) {
        Matcher matcher = PATH_VARIABLE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(path, Matcher.quoteReplacement(exampleValue(matcher.group(1))));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    private static String exampleValue(String variable) {
        String name = variable.toLowerCase(Locale.ROOT);
        if (name.equals("kinds")) {
            return "areas";
        }
        if (name.contains("version")) {
            return "1";
        }
        if (name.equals("responseid")) {
            return EXAMPLE_RESPONSE_ID;
        }
        if (name.equals("dimension")) {
            return "pmoType";
        }
        return "risk-management";
    }
}
