package org.pmoresearch.bench;

import org.pmoresearch.contracts.RespondentProfile;
import org.pmoresearch.contracts.SurveyResponseSubmitted;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic responses to the catalogue the survey actually serves: a profile with most questions answered,
 * 20 to 120 task selections (capped at the catalogue's task count) spread over their areas, sometimes an
 * area picked without tasks, sometimes free text. The content is seeded, so runs are comparable; response
 * ids are random, so a second run against the same platform is never taken for a retry of the first.
 */
final class ResponseGenerator {

    static final int MIN_TASKS = 20;
    static final int MAX_TASKS = 120;

    /** @param profile question id to the chosen option's value; unanswered questions are absent */
    record Submission(Map<String, String> profile, Map<String, List<String>> selections, String otherServices) {
    }

    private record Task(String areaId, String taskId) {
    }

    private final int catalogueVersion;
    private final List<String> areaIds = new ArrayList<>();
    private final List<Task> tasks = new ArrayList<>();
    private final Map<String, List<String>> profileOptions = new LinkedHashMap<>();
    private final Random random;

    ResponseGenerator(JsonNode survey, long seed) {
        this.catalogueVersion = survey.get("version").asInt();
        for (JsonNode group : survey.get("groups")) {
            for (JsonNode area : group.get("areas")) {
                String areaId = area.get("id").asString();
                areaIds.add(areaId);
                for (JsonNode task : area.get("tasks")) {
                    tasks.add(new Task(areaId, task.get("id").asString()));
                }
            }
        }
        for (JsonNode question : survey.get("profileQuestions")) {
            List<String> values = new ArrayList<>();
            question.get("options").forEach(option -> values.add(option.get("value").asString()));
            profileOptions.put(question.get("id").asString(), values);
        }
        if (tasks.isEmpty()) {
            throw new IllegalStateException("The survey's catalogue has no tasks to select");
        }
        this.random = new Random(seed);
    }

    int catalogueVersion() {
        return catalogueVersion;
    }

    int catalogueTasks() {
        return tasks.size();
    }

    Submission next() {
        Map<String, String> answers = new LinkedHashMap<>();
        profileOptions.forEach((question, values) -> {
            if (random.nextDouble() < 0.85) {
                answers.put(question, values.get(random.nextInt(values.size())));
            }
        });

        int most = Math.min(MAX_TASKS, tasks.size());
        int least = Math.min(MIN_TASKS, most);
        List<Task> shuffled = new ArrayList<>(tasks);
        Collections.shuffle(shuffled, random);
        List<Task> chosen = shuffled.subList(0, least + random.nextInt(most - least + 1));
        Map<String, List<String>> selections = new LinkedHashMap<>();
        for (String areaId : areaIds) {
            List<String> taskIds = chosen.stream().filter(task -> task.areaId().equals(areaId)).map(Task::taskId).toList();
            if (!taskIds.isEmpty()) {
                selections.put(areaId, taskIds);
            }
        }
        if (random.nextDouble() < 0.2) {
            String areaWithoutTasks = areaIds.get(random.nextInt(areaIds.size()));
            selections.putIfAbsent(areaWithoutTasks, List.of());
        }
        String otherServices = random.nextDouble() < 0.1
                ? "We also run the PMO's own onboarding academy and a quarterly benefits clinic (variant " + random.nextInt(1000) + ")."
                : null;
        return new Submission(answers, selections, otherServices);
    }

    /** The body of POST /api/responses for a submission. */
    byte[] requestBody(Submission submission) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("catalogueVersion", catalogueVersion);
        body.put("profile", submission.profile());
        body.put("selections", submission.selections());
        if (submission.otherServices() != null) {
            body.put("otherServices", submission.otherServices());
        }
        return PlatformClient.JSON.writeValueAsBytes(body);
    }

    /** The event survey-service publishes for a submission, as the bytes it puts on the topic. */
    byte[] event(Submission submission, UUID responseId) {
        return PlatformClient.JSON.writeValueAsBytes(new SurveyResponseSubmitted(SurveyResponseSubmitted.SCHEMA_VERSION,
                ResponseIds.random(), responseId, Instant.now(), catalogueVersion,
                PlatformClient.JSON.convertValue(submission.profile(), RespondentProfile.class), submission.selections(),
                submission.otherServices()));
    }

}
