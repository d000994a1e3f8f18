package org.pmoresearch.export.domain;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTokensTest {

    private static final UUID RESPONSE = UUID.fromString("3f2b8c1e-7d4a-4e9b-9c3f-2a1b0c9d8e7f");
    private final ReportTokens tokens = new ReportTokens("a-test-report-token-secret-of-at-least-32-characters");

    @Test
    void computesTheContractsTokenBase64UrlHmacSha256OfTheResponseId() {
        // Computed independently: base64url(HMAC-SHA256(secret, "3f2b8c1e-...")) without padding.
        assertThat(tokens.tokenFor(RESPONSE)).isEqualTo("BmfvGZXi79xA7N8DXzKNa6zHIvfHCIi3AbNtZyurXPQ");
    }

    @Test
    void acceptsOnlyTheTokenOfThatResponse() {
        assertThat(tokens.matches(RESPONSE, "BmfvGZXi79xA7N8DXzKNa6zHIvfHCIi3AbNtZyurXPQ")).isTrue();
        assertThat(tokens.matches(RESPONSE, tokens.tokenFor(UUID.randomUUID()))).isFalse();
        assertThat(tokens.matches(RESPONSE, "")).isFalse();
        assertThat(tokens.matches(RESPONSE, null)).isFalse();
    }
}
