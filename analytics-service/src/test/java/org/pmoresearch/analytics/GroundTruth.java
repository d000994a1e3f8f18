package org.pmoresearch.analytics;

import org.pmoresearch.contracts.RespondentProfile;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The counts the published events must produce, computed independently of the service: the first
 * submission of a responseId counts, later ones do not, a withdrawal removes a counted response once.
 */
public final class GroundTruth {

    private final Map<UUID, Submission> firstSubmissions = new HashMap<>();
    private final Set<UUID> withdrawn = new HashSet<>();

    public synchronized void submitted(UUID responseId, RespondentProfile profile, Map<String, List<String>> selections,
            int catalogueVersion) {
        firstSubmissions.putIfAbsent(responseId, new Submission(profile, selections, catalogueVersion));
    }

    public synchronized void withdrawn(UUID responseId) {
        if (firstSubmissions.containsKey(responseId)) {
            withdrawn.add(responseId);
        }
    }

    public synchronized Expected expected() {
        return expected(submission -> true);
    }

    /** The expected counts of the responses in one segment: those whose profile has {@code value} for {@code dimension}. */
    public synchronized Expected expectedFor(String dimension, String value) {
        return expected(submission -> value.equals(
                TestEvents.DIMENSIONS.segmentsOf(submission.profile()).get(dimension)));
    }

    public synchronized Expected expected(Predicate<Submission> included) {
        long total = 0;
        Map<String, Long> areas = new HashMap<>();
        Map<String, Long> tasks = new HashMap<>();
        for (Map.Entry<UUID, Submission> response : firstSubmissions.entrySet()) {
            if (withdrawn.contains(response.getKey()) || !included.test(response.getValue())) {
                continue;
            }
            total++;
            response.getValue().selections().forEach((areaId, taskIds) -> {
                areas.merge(areaId, 1L, Long::sum);
                new LinkedHashSet<>(taskIds).forEach(taskId -> tasks.merge(areaId + "/" + taskId, 1L, Long::sum));
            });
        }
        return new Expected(total, areas, tasks);
    }

    /** The responseIds that must be counted now, in order. */
    public synchronized TreeSet<String> countedIds() {
        return countedIds(submission -> true);
    }

    public synchronized TreeSet<String> countedIds(Predicate<Submission> included) {
        TreeSet<String> ids = new TreeSet<>();
        firstSubmissions.forEach((id, submission) -> {
            if (!withdrawn.contains(id) && included.test(submission)) {
                ids.add(id.toString());
            }
        });
        return ids;
    }

    public synchronized boolean isWithdrawn(UUID responseId) {
        return withdrawn.contains(responseId);
    }

    public record Submission(RespondentProfile profile, Map<String, List<String>> selections, int catalogueVersion) {
    }

    /** @param tasks keyed "areaId/taskId"; only non-zero counts */
    public record Expected(long totalResponses, Map<String, Long> areas, Map<String, Long> tasks) {
    }
}
