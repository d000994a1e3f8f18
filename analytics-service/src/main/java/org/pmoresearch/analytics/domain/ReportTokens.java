package org.pmoresearch.analytics.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;

/**
 * Checks the report token a respondent got at submission: base64url (no padding) of
 * HMAC-SHA256(secret, responseId as its canonical lowercase string), as survey-service issues it.
 */
public final class ReportTokens {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public ReportTokens(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String tokenFor(UUID responseId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] signature = mac.doFinal(responseId.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        }
    }

    /** Compares in constant time, so response times do not reveal how much of a guess was right. */
    public boolean matches(UUID responseId, String presentedToken) {
        if (presentedToken == null) {
            return false;
        }
        return MessageDigest.isEqual(tokenFor(responseId).getBytes(StandardCharsets.UTF_8),
                presentedToken.getBytes(StandardCharsets.UTF_8));
    }
}
