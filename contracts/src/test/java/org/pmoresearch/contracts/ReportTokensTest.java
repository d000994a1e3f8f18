package org.pmoresearch.contracts;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTokensTest {

    private static final String SECRET = "a-report-token-secret-of-32-chars!";
    private static final UUID RESPONSE_ID = UUID.fromString("3f0c9a56-2f5e-4c1b-9d55-7f7e3a2b1c0d");

    private final ReportTokens tokens = new ReportTokens(SECRET);

    @Test
    void tokenIsUnpaddedBase64UrlOfTheHmacOfTheResponseId() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal("3f0c9a56-2f5e-4c1b-9d55-7f7e3a2b1c0d".getBytes(StandardCharsets.UTF_8)));

        assertThat(tokens.issue(RESPONSE_ID)).isEqualTo(expected).hasSize(43).doesNotContain("=", "+", "/");
    }

    @Test
    void theSameResponseAlwaysGetsTheSameToken() {
        assertThat(new ReportTokens(SECRET).issue(RESPONSE_ID)).isEqualTo(tokens.issue(RESPONSE_ID));
        assertThat(tokens.issue(UUID.randomUUID())).isNotEqualTo(tokens.issue(RESPONSE_ID));
        assertThat(new ReportTokens(SECRET + "x").issue(RESPONSE_ID)).isNotEqualTo(tokens.issue(RESPONSE_ID));
    }

    @Test
    void onlyTheIssuedTokenMatches() {
        String issued = tokens.issue(RESPONSE_ID);

        assertThat(tokens.matches(RESPONSE_ID, issued)).isTrue();
        assertThat(tokens.matches(RESPONSE_ID, null)).isFalse();
        assertThat(tokens.matches(RESPONSE_ID, "")).isFalse();
        assertThat(tokens.matches(RESPONSE_ID, issued.substring(1))).isFalse();
        assertThat(tokens.matches(UUID.randomUUID(), issued)).isFalse();
        assertThat(tokens.matches(RESPONSE_ID, new ReportTokens(SECRET + "-other").issue(RESPONSE_ID))).isFalse();
    }

    @Test
    void theResponseIdIsSignedInItsCanonicalLowercaseForm() {
        UUID upperCaseParsed = UUID.fromString("3F0C9A56-2F5E-4C1B-9D55-7F7E3A2B1C0D");

        assertThat(tokens.issue(upperCaseParsed)).isEqualTo(tokens.issue(RESPONSE_ID));
    }
}
