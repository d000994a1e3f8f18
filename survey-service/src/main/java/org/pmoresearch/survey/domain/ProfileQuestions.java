package org.pmoresearch.survey.domain;

import org.pmoresearch.contracts.RespondentProfile;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The profile questions of the survey, one per field of {@link RespondentProfile}. */
public final class ProfileQuestions {

    private final List<ProfileQuestion> questions;
    private final Map<String, ProfileQuestion> questionsById;

    /**
     * @throws IllegalStateException if the question ids differ from the fields of
     *         {@link RespondentProfile}: an answer without a field would be silently dropped
     */
    public ProfileQuestions(List<ProfileQuestion> questions) {
        this.questions = List.copyOf(questions);
        this.questionsById = this.questions.stream()
                .collect(Collectors.toMap(ProfileQuestion::id, Function.identity(), (first, second) -> {
                    throw new IllegalStateException("Profile question " + first.id() + " appears twice");
                }, LinkedHashMap::new));
        Set<String> profileFields = Arrays.stream(RespondentProfile.class.getRecordComponents())
                .map(component -> component.getName())
                .collect(Collectors.toCollection(TreeSet::new));
        if (!profileFields.equals(new TreeSet<>(questionsById.keySet()))) {
            throw new IllegalStateException("Profile questions " + new TreeSet<>(questionsById.keySet())
                    + " do not match the RespondentProfile fields " + profileFields);
        }
    }

    public List<ProfileQuestion> all() {
        return questions;
    }

    public Optional<ProfileQuestion> question(String id) {
        return Optional.ofNullable(questionsById.get(id));
    }

    /** Builds the profile from answers already checked against the questions; unanswered fields stay null. */
    RespondentProfile toProfile(Map<String, String> answers) {
        return new RespondentProfile(
                answers.get("pmoType"),
                answers.get("role"),
                answers.get("sector"),
                answers.get("region"),
                answers.get("organisationSize"),
                answers.get("pmoHeadcount"),
                answers.get("yearsInPmo"),
                answers.get("employment"));
    }
}
