package org.pmoresearch.analytics.domain;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTokensTest {

    private static final String SECRET = "a-report-token-secret-of-at-least-32-characters";
    private final ReportTokens tokens = new ReportTokens(SECRET);

    @Test
    void aTokenIsTheUnpaddedBase64UrlHmacOfTheCanonicalResponseId() throws Exception {
        UUID responseId = UUID.fromString("0F8FAD5B-D9CB-469F-A165-70867728950E");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac.doFinal("0f8fad5b-d9cb-469f-a165-70867728950e".getBytes(StandardCharsets.UTF_8)));

        assertThat(tokens.tokenFor(responseId)).isEqualTo(expected).doesNotContain("=", "+", "/");
        assertThat(tokens.matches(responseId, expected)).isTrue();
    }

    @Test
    void anotherResponsesTokenAMissingOneOrAnotherKeysDoNotMatch() {
        UUID responseId = UUID.randomUUID();

        assertThat(tokens.matches(responseId, tokens.tokenFor(UUID.randomUUID()))).isFalse();
        assertThat(tokens.matches(responseId, null)).isFalse();
        assertThat(tokens.matches(responseId, new ReportTokens(SECRET + "-other").tokenFor(responseId))).isFalse();
    }
}
