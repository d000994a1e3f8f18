package org.pmoresearch.survey.domain;

import org.junit.jupiter.api.Test;
import org.pmoresearch.contracts.RespondentProfile;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ProfileQuestionsTest {

    @Test
    void theContractQuestionsCoverEveryProfileField() throws IOException {
        ProfileQuestions questions = SubmissionValidatorTest.profileQuestions();

        assertThat(questions.all()).extracting(ProfileQuestion::id).containsExactly(
                "pmoType", "role", "sector", "region", "organisationSize", "pmoHeadcount", "yearsInPmo", "employment");
        assertThat(questions.toProfile(Map.of("role", "consultant", "employment", "freelance")))
                .isEqualTo(new RespondentProfile(null, "consultant", null, null, null, null, null, "freelance"));
    }

    @Test
    void refusesQuestionsThatDoNotMatchTheProfileFields() {
        List<ProfileQuestion> onlyRole = List.of(new ProfileQuestion("role", "Role?", List.of(new ProfileOption("x", "X"))));

        assertThatIllegalStateException().isThrownBy(() -> new ProfileQuestions(onlyRole))
                .withMessageContaining("pmoType");
    }
}
