package org.pmoresearch.analytics;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The counts the published events must produce, computed independently of the service: the first
 * submission of a responseId counts, later ones do not, a withdrawal removes a counted response once.
 */
final class GroundTruth {

    private final Map<UUID, Map<String, List<String>>> firstSubmissions = new HashMap<>();
    private final Set<UUID> withdrawn = new HashSet<>();

    synchronized void submitted(UUID responseId, Map<String, List<String>> selections) {
        firstSubmissions.putIfAbsent(responseId, selections);
    }

    synchronized void withdrawn(UUID responseId) {
        if (firstSubmissions.containsKey(responseId)) {
            withdrawn.add(responseId);
        }
    }

    synchronized Expected expected() {
        long total = 0;
        Map<String, Long> areas = new HashMap<>();
        Map<String, Long> tasks = new HashMap<>();
        for (Map.Entry<UUID, Map<String, List<String>>> response : firstSubmissions.entrySet()) {
            if (withdrawn.contains(response.getKey())) {
                continue;
            }
            total++;
            response.getValue().forEach((areaId, taskIds) -> {
                areas.merge(areaId, 1L, Long::sum);
                new LinkedHashSet<>(taskIds).forEach(taskId -> tasks.merge(areaId + "/" + taskId, 1L, Long::sum));
            });
        }
        return new Expected(total, areas, tasks);
    }

    /** @param tasks keyed "areaId/taskId"; only non-zero counts */
    record Expected(long totalResponses, Map<String, Long> areas, Map<String, Long> tasks) {
    }
}
