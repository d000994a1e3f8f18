package org.pmoresearch.survey.domain;

import org.pmoresearch.contracts.RespondentProfile;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a response body, as parsed JSON, against the catalogue version it names and the profile
 * questions. Works on the JSON tree rather than a bound object so that every problem (unknown
 * members, wrong types, unknown ids) is reported at once, by its JSON path.
 */
public final class SubmissionValidator {

    public static final int MAX_OTHER_SERVICES_LENGTH = 2000;

    private static final String CATALOGUE_VERSION = "catalogueVersion";
    private static final String PROFILE = "profile";
    private static final String SELECTIONS = "selections";
    private static final String OTHER_SERVICES = "otherServices";
    private static final Set<String> FIELDS = Set.of(CATALOGUE_VERSION, PROFILE, SELECTIONS, OTHER_SERVICES);

    private final CatalogueRegistry catalogues;
    private final ProfileQuestions profileQuestions;

    public SubmissionValidator(CatalogueRegistry catalogues, ProfileQuestions profileQuestions) {
        this.catalogues = catalogues;
        this.profileQuestions = profileQuestions;
    }

    public ValidationResult validate(JsonNode body) {
        List<FieldViolation> violations = new ArrayList<>();
        if (body == null || !body.isObject()) {
            violations.add(FieldViolation.invalid("$", "the request body must be a JSON object"));
            return ValidationResult.invalid(violations);
        }
        body.propertyNames().stream()
                .filter(name -> !FIELDS.contains(name))
                .forEach(name -> violations.add(FieldViolation.unknownField(name)));

        Optional<PublishedCatalogue> catalogue = catalogue(body.get(CATALOGUE_VERSION), violations);
        RespondentProfile profile = profile(body.get(PROFILE), violations);
        Map<String, List<String>> selections = selections(body.get(SELECTIONS), catalogue, violations);
        String otherServices = otherServices(body.get(OTHER_SERVICES), violations);

        if (!violations.isEmpty()) {
            return ValidationResult.invalid(violations);
        }
        return ValidationResult.valid(new SurveySubmission(catalogue.orElseThrow().version(), profile, selections, otherServices));
    }

    private Optional<PublishedCatalogue> catalogue(JsonNode node, List<FieldViolation> violations) {
        if (isAbsent(node)) {
            violations.add(FieldViolation.invalid(CATALOGUE_VERSION, "is required"));
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            violations.add(FieldViolation.invalid(CATALOGUE_VERSION, "must be an integer catalogue version"));
            return Optional.empty();
        }
        Optional<PublishedCatalogue> catalogue = catalogues.version(node.intValue());
        if (catalogue.isEmpty()) {
            violations.add(FieldViolation.invalid(CATALOGUE_VERSION,
                    "catalogue version " + node.intValue() + " is not published"));
        }
        return catalogue;
    }

    private RespondentProfile profile(JsonNode node, List<FieldViolation> violations) {
        if (isAbsent(node)) {
            return RespondentProfile.EMPTY;
        }
        if (!node.isObject()) {
            violations.add(FieldViolation.invalid(PROFILE, "must be an object of profile answers"));
            return RespondentProfile.EMPTY;
        }
        Map<String, String> answers = new HashMap<>();
        for (Map.Entry<String, JsonNode> answer : node.properties()) {
            String field = PROFILE + "." + answer.getKey();
            Optional<ProfileQuestion> question = profileQuestions.question(answer.getKey());
            JsonNode value = answer.getValue();
            if (question.isEmpty()) {
                violations.add(FieldViolation.unknownField(field));
            }
            else if (value.isNull()) {
                continue;
            }
            else if (!value.isString()) {
                violations.add(FieldViolation.invalid(field, "must be a string or null"));
            }
            else if (!question.get().allows(value.stringValue())) {
                violations.add(FieldViolation.invalid(field, "must be one of " + question.get().options().stream()
                        .map(ProfileOption::value).collect(Collectors.joining(", ")) + ", or null"));
            }
            else {
                answers.put(answer.getKey(), value.stringValue());
            }
        }
        return profileQuestions.toProfile(answers);
    }

    private Map<String, List<String>> selections(JsonNode node, Optional<PublishedCatalogue> catalogue,
            List<FieldViolation> violations) {
        if (isAbsent(node)) {
            violations.add(FieldViolation.invalid(SELECTIONS, "is required"));
            return Map.of();
        }
        if (!node.isObject()) {
            violations.add(FieldViolation.invalid(SELECTIONS, "must be an object mapping area ids to arrays of task ids"));
            return Map.of();
        }
        if (node.isEmpty()) {
            violations.add(FieldViolation.invalid(SELECTIONS, "must select at least one service area"));
            return Map.of();
        }
        if (catalogue.isPresent() && exceedsCatalogue(node, catalogue.get(), violations)) {
            return Map.of();
        }
        Map<String, List<String>> selections = new LinkedHashMap<>();
        Set<String> seenTaskIds = new HashSet<>();
        for (Map.Entry<String, JsonNode> area : node.properties()) {
            String areaId = area.getKey();
            String areaField = SELECTIONS + "." + areaId;
            if (!area.getValue().isArray()) {
                violations.add(FieldViolation.invalid(areaField, "must be an array of task ids"));
                continue;
            }
            if (catalogue.isPresent() && !catalogue.get().hasArea(areaId)) {
                violations.add(FieldViolation.invalid(areaField,
                        "unknown service area in catalogue version " + catalogue.get().version()));
                continue;
            }
            List<String> taskIds = new ArrayList<>();
            for (int i = 0; i < area.getValue().size(); i++) {
                String taskField = areaField + "[" + i + "]";
                JsonNode task = area.getValue().get(i);
                if (!task.isString()) {
                    violations.add(FieldViolation.invalid(taskField, "must be a task id string"));
                    continue;
                }
                String taskId = task.stringValue();
                Optional<String> owner = catalogue.flatMap(c -> c.areaOf(taskId));
                if (catalogue.isPresent() && owner.isEmpty()) {
                    violations.add(FieldViolation.invalid(taskField, "unknown task " + taskId));
                }
                else if (owner.isPresent() && !owner.get().equals(areaId)) {
                    violations.add(FieldViolation.invalid(taskField,
                            "task " + taskId + " belongs to area " + owner.get() + ", not " + areaId));
                }
                else if (!seenTaskIds.add(taskId)) {
                    violations.add(FieldViolation.invalid(taskField, "duplicate task " + taskId));
                }
                else {
                    taskIds.add(taskId);
                }
            }
            selections.put(areaId, List.copyOf(taskIds));
        }
        return selections;
    }

    /** Caps the work (and the error list) a single body can cause before looking at each id. */
    private static boolean exceedsCatalogue(JsonNode selections, PublishedCatalogue catalogue,
            List<FieldViolation> violations) {
        if (selections.size() > catalogue.areaCount()) {
            violations.add(FieldViolation.invalid(SELECTIONS, "selects " + selections.size()
                    + " areas but catalogue version " + catalogue.version() + " has only " + catalogue.areaCount()));
            return true;
        }
        int selectedTasks = selections.values().stream().filter(JsonNode::isArray).mapToInt(JsonNode::size).sum();
        if (selectedTasks > catalogue.taskCount()) {
            violations.add(FieldViolation.invalid(SELECTIONS, "selects " + selectedTasks
                    + " tasks but catalogue version " + catalogue.version() + " has only " + catalogue.taskCount()));
            return true;
        }
        return false;
    }

    private static String otherServices(JsonNode node, List<FieldViolation> violations) {
        if (isAbsent(node)) {
            return null;
        }
        if (!node.isString()) {
            violations.add(FieldViolation.invalid(OTHER_SERVICES, "must be a string or null"));
            return null;
        }
        String text = node.stringValue();
        if (text.codePointCount(0, text.length()) > MAX_OTHER_SERVICES_LENGTH) {
            violations.add(FieldViolation.invalid(OTHER_SERVICES,
                    "must be at most " + MAX_OTHER_SERVICES_LENGTH + " characters"));
            return null;
        }
        if (!isPlainText(text)) {
            violations.add(FieldViolation.invalid(OTHER_SERVICES,
                    "must be plain text: no control characters other than tab and line breaks, no unpaired surrogates"));
            return null;
        }
        return text;
    }

    /**
     * JSON escapes can smuggle NUL, other control characters and half of a surrogate pair into a string;
     * they mean nothing in an answer and trip up the spreadsheets and pages the text ends up in.
     */
    private static boolean isPlainText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            }
            else if (Character.isSurrogate(c) || Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
