package org.pmoresearch.export.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.pmoresearch.export.config.AnalyticsProperties;
import org.pmoresearch.export.domain.ExportUnavailableException;
import org.pmoresearch.export.domain.Hotspots;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the current hotspot counts from analytics-service ({@code GET /api/hotspots}). */
@Component
public class AnalyticsHotspotsClient {

    private final RestClient restClient;

    public AnalyticsHotspotsClient(RestClient.Builder restClientBuilder, AnalyticsProperties analytics) {
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
    }

    /** @throws ExportUnavailableException when analytics cannot be reached or answers with anything but hotspots */
    public Hotspots fetchHotspots() {
        HotspotsResponse response;
        try {
            response = restClient.get()
                    .uri("/api/hotspots")
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .body(HotspotsResponse.class);
        } catch (RestClientException e) {
            throw new ExportUnavailableException("The hotspot figures are unavailable: analytics-service did not answer.", e);
        }
        if (response == null) {
            throw new ExportUnavailableException("The hotspot figures are unavailable: analytics-service sent an empty answer.");
        }
        return response.toHotspots();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record HotspotsResponse(long totalResponses, List<AreaFigures> areas) {

        Hotspots toHotspots() {
            Map<String, Hotspots.AreaCount> areasById = new HashMap<>();
            for (AreaFigures area : areas == null ? List.<AreaFigures>of() : areas) {
                if (area.id() != null) {
                    areasById.putIfAbsent(area.id(), area.toAreaCount());
                }
            }
            return new Hotspots(totalResponses, areasById);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AreaFigures(String id, long count, List<TaskFigures> tasks) {

        Hotspots.AreaCount toAreaCount() {
            Map<String, Long> tasksById = new HashMap<>();
            for (TaskFigures task : tasks == null ? List.<TaskFigures>of() : tasks) {
                if (task.id() != null) {
                    tasksById.putIfAbsent(task.id(), task.count());
                }
            }
            return new Hotspots.AreaCount(count, tasksById);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TaskFigures(String id, long count) {
    }
}
