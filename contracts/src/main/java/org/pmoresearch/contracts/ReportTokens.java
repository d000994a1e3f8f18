package org.pmoresearch.contracts;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;

/**
 * Report tokens let a respondent act on their own response without an account: survey-service issues one with
 * each accepted submission, analytics-service and export-service check it. The token is base64url (no padding)
 * of HMAC-SHA256(secret, responseId as its canonical lowercase string), under the secret the three share
 * ({@code PMO_REPORT_TOKEN_SECRET}). Deterministic, so a retried submission gets the same token, and nothing
 * needs to be stored.
 */
public final class ReportTokens {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public ReportTokens(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String issue(UUID responseId) {
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
        return MessageDigest.isEqual(issue(responseId).getBytes(StandardCharsets.UTF_8),
                presentedToken.getBytes(StandardCharsets.UTF_8));
    }
}
