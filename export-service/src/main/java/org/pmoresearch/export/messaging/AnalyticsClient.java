package org.pmoresearch.export.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.pmoresearch.export.config.AnalyticsProperties;
import org.pmoresearch.export.domain.ExportUnavailableException;
import org.pmoresearch.export.domain.ExportedResponse;
import org.pmoresearch.export.domain.Figures;
import org.pmoresearch.export.domain.Hotspots;
import org.pmoresearch.export.domain.PersonalResponse;
import org.pmoresearch.export.domain.ProfileDimensions;
import org.pmoresearch.export.domain.ResponseNotFoundException;
import org.pmoresearch.export.domain.ResponsePage;
import org.pmoresearch.export.domain.ResponseWithdrawnException;
import org.pmoresearch.export.domain.SegmentBreakdown;
import org.pmoresearch.export.domain.SegmentFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads what the workbooks need from analytics-service over HTTP (the phase 2 contract): hotspots for everyone or
 * one segment, the breakdown of a profile dimension, one respondent's own response, and pages of responses for
 * admins. Anything analytics cannot deliver becomes an {@link ExportUnavailableException}, except the answers a
 * respondent must hear about (not counted yet, withdrawn).
 */
@Component
public class AnalyticsClient {

    public static final String REPORT_TOKEN_HEADER = "X-Report-Token";
    /** The contract's default k, for an answer that does not state its own. */
    private static final int DEFAULT_MIN_CELL_SIZE = 5;
    private static final int COUNTS_HASH_HEX_CHARS = 16;

    private final RestClient restClient;
    private final JsonMapper jsonMapper;

    public AnalyticsClient(RestClient.Builder restClientBuilder, AnalyticsProperties analytics, JsonMapper jsonMapper) {
        HttpClient httpClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(analytics.connectTimeout())
                .build();
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
        requestFactory.setReadTimeout(analytics.readTimeout());
        this.restClient = restClientBuilder
                .baseUrl(analytics.baseUrl().toString())
                .requestFactory(requestFactory)
                .build();
        this.jsonMapper = jsonMapper;
    }

    /**
     * Hotspots with a version of the counts behind them: analytics' own {@code countsVersion} field or ETag when it
     * sends one, otherwise the total plus a hash of the answer, which changes whenever any count does.
     */
    public record HotspotsSnapshot(Hotspots hotspots, String countsVersion) {
    }

    /** @param filter one segment, or null for all respondents */
    public HotspotsSnapshot fetchHotspots(SegmentFilter filter) {
        ResponseEntity<byte[]> answer;
        try {
            answer = restClient.get()
                    .uri(uri -> {
                        uri.path("/api/hotspots");
                        if (filter != null) {
                            uri.queryParam(filter.dimension(), filter.value());
                        }
                        return uri.build();
                    })
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .toEntity(byte[].class);
        } catch (RestClientException e) {
            throw new ExportUnavailableException("The hotspot figures are unavailable: analytics-service did not answer.", e);
        }
        byte[] body = answer.getBody();
        if (body == null || body.length == 0) {
            throw new ExportUnavailableException("The hotspot figures are unavailable: analytics-service sent an empty answer.");
        }
        HotspotsJson json = read(body, HotspotsJson.class, "hotspots");
        Hotspots hotspots = toHotspots(filter, json.totalResponses(), json.minCellSize(), json.suppressed(), json.areas());
        String countsVersion = StringUtils.hasText(json.countsVersion()) ? json.countsVersion()
                : StringUtils.hasText(answer.getHeaders().getETag()) ? answer.getHeaders().getETag()
                : json.totalResponses() + "-" + sha256(body).substring(0, COUNTS_HASH_HEX_CHARS);
        return new HotspotsSnapshot(hotspots, countsVersion);
    }

    /** The figures of every segment of one profile dimension ({@code GET /api/hotspots/segments/{dimension}}). */
    public SegmentBreakdown fetchSegments(ProfileDimensions.Dimension dimension) {
        SegmentsJson json;
        try {
            json = restClient.get()
                    .uri("/api/hotspots/segments/{dimension}", dimension.id())
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .body(SegmentsJson.class);
        } catch (RestClientException e) {
            throw new ExportUnavailableException("The segment figures for " + dimension.id()
                    + " are unavailable: analytics-service did not answer.", e);
        }
        if (json == null) {
            throw new ExportUnavailableException("The segment figures for " + dimension.id() + " are unavailable: analytics-service sent an empty answer.");
        }
        List<SegmentBreakdown.Segment> segments = nullSafe(json.segments()).stream()
                .map(segment -> new SegmentBreakdown.Segment(segment.value(), segment.label(),
                        toHotspots(new SegmentFilter(dimension.id(), segment.value()), segment.totalResponses(),
                                json.minCellSize(), segment.suppressed(), segment.areas())))
                .toList();
        return new SegmentBreakdown(dimension.id(), dimension.label(), segments);
    }

    /**
     * One respondent's own response, asked for with their report token.
     *
     * @throws ResponseNotFoundException   not counted yet (analytics answered 404)
     * @throws ResponseWithdrawnException  withdrawn (analytics answered 410)
     */
    public PersonalResponse fetchResponse(UUID responseId, String reportToken) {
        ResponseJson json;
        try {
            json = restClient.get()
                    .uri("/api/responses/{responseId}", responseId)
                    .header(REPORT_TOKEN_HEADER, reportToken)
                    .accept(MediaType.APPLICATION_JSON)
                    .exchange((request, response) -> {
                        HttpStatus status = HttpStatus.resolve(response.getStatusCode().value());
                        if (status == HttpStatus.NOT_FOUND) {
                            throw new ResponseNotFoundException(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
                        }
                        if (status == HttpStatus.GONE) {
                            throw new ResponseWithdrawnException();
                        }
                        if (!response.getStatusCode().is2xxSuccessful()) {
                            throw new ExportUnavailableException("The response is unavailable: analytics-service answered "
                                    + response.getStatusCode().value() + ".");
                        }
                        return read(response.getBody().readAllBytes(), ResponseJson.class, "the response");
                    });
        } catch (RestClientException e) {
            throw new ExportUnavailableException("The response is unavailable: analytics-service did not answer.", e);
        }
        if (json == null || json.selections() == null) {
            throw new ExportUnavailableException("The response is unavailable: analytics-service sent no selections.");
        }
        if (Boolean.TRUE.equals(json.withdrawn())) {
            throw new ResponseWithdrawnException();
        }
        return new PersonalResponse(responseId, json.catalogueVersion() == null ? 0 : json.catalogueVersion(),
                json.submittedAt(), json.selections());
    }

    /**
     * One page of responses for an admin export ({@code GET /api/admin/responses}), with the admin's own
     * Authorization header: analytics checks the credential itself.
     *
     * @param after null for the first page
     */
    public ResponsePage fetchResponses(String after, int limit, List<SegmentFilter> filters, String authorization) {
        ResponsesPageJson json;
        try {
            json = restClient.get()
                    .uri(uri -> {
                        uri.path("/api/admin/responses").queryParam("limit", limit);
                        if (after != null) {
                            uri.queryParam("after", after);
                        }
                        filters.forEach(filter -> uri.queryParam(filter.dimension(), filter.value()));
                        return uri.build();
                    })
                    .header(HttpHeaders.AUTHORIZATION, authorization)
                    .accept(MediaType.APPLICATION_JSON)
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        if (status == HttpStatus.UNAUTHORIZED.value() || status == HttpStatus.FORBIDDEN.value()) {
                            throw new ExportUnavailableException("The responses are unavailable: analytics-service refused "
                                    + "the admin credentials (" + status + "); the services' admin settings differ.");
                        }
                        if (!response.getStatusCode().is2xxSuccessful()) {
                            throw new ExportUnavailableException("The responses are unavailable: analytics-service answered " + status + ".");
                        }
                        return jsonMapper.readValue(response.getBody(), ResponsesPageJson.class);
                    });
        } catch (RestClientException e) {
            throw new ExportUnavailableException("The responses are unavailable: analytics-service did not answer.", e);
        } catch (JacksonException e) {
            throw new ExportUnavailableException("analytics-service sent a page of responses in a form export cannot read: "
                    + e.getOriginalMessage(), e);
        }
        if (json == null) {
            throw new ExportUnavailableException("The responses are unavailable: analytics-service sent an empty page.");
        }
        return new ResponsePage(nullSafe(json.items()).stream()
                .map(item -> new ExportedResponse(item.responseId(), item.submittedAt(), item.catalogueVersion(),
                        item.profile(), item.selections()))
                .toList(), json.next());
    }

    private <T> T read(byte[] body, Class<T> type, String what) {
        try {
            return jsonMapper.readValue(body, type);
        } catch (JacksonException e) {
            throw new ExportUnavailableException("analytics-service sent " + what + " in a form export cannot read: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static Hotspots toHotspots(SegmentFilter filter, Long totalResponses, Integer minCellSize, Boolean suppressed,
                                       List<AreaJson> areas) {
        boolean wholeAnswerSuppressed = Boolean.TRUE.equals(suppressed);
        Map<String, Hotspots.AreaHotspot> areasById = new HashMap<>();
        for (AreaJson area : nullSafe(areas)) {
            if (area.id() == null) {
                continue;
            }
            Map<String, Figures> tasksById = new HashMap<>();
            for (TaskJson task : nullSafe(area.tasks())) {
                if (task.id() != null) {
                    tasksById.putIfAbsent(task.id(), figures(task.count(), task.percentage(), task.rank(), task.band(),
                            wholeAnswerSuppressed || Boolean.TRUE.equals(task.suppressed()), totalResponses));
                }
            }
            areasById.putIfAbsent(area.id(), new Hotspots.AreaHotspot(figures(area.count(), area.percentage(), area.rank(),
                    area.band(), wholeAnswerSuppressed || Boolean.TRUE.equals(area.suppressed()), totalResponses), tasksById));
        }
        return new Hotspots(wholeAnswerSuppressed ? null : totalResponses, filter,
                minCellSize == null ? DEFAULT_MIN_CELL_SIZE : minCellSize, wholeAnswerSuppressed, areasById);
    }

    /** Analytics' own rounded percentage wins, so the workbook shows exactly what the dashboard shows. */
    private static Figures figures(Long count, Double percentage, Integer rank, String band, boolean suppressed, Long total) {
        if (suppressed || count == null) {
            return Figures.SUPPRESSED;
        }
        double share = percentage != null ? percentage / 100
                : total == null || total == 0 ? 0 : (double) count / total;
        return new Figures(count, share, rank, band, false);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record HotspotsJson(Long totalResponses, Integer minCellSize, Boolean suppressed, List<AreaJson> areas, String countsVersion) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AreaJson(String id, Long count, Double percentage, Integer rank, String band, Boolean suppressed, List<TaskJson> tasks) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TaskJson(String id, Long count, Double percentage, Integer rank, String band, Boolean suppressed) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SegmentsJson(String dimension, Integer minCellSize, List<SegmentJson> segments) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SegmentJson(String value, String label, Long totalResponses, Boolean suppressed, List<AreaJson> areas) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseJson(Integer catalogueVersion, Instant submittedAt, Map<String, List<String>> selections, Boolean withdrawn) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponsesPageJson(List<ResponseItemJson> items, String next) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseItemJson(String responseId, String submittedAt, Integer catalogueVersion, Map<String, String> profile,
                            Map<String, List<String>> selections) {
    }
}
