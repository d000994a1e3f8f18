package org.pmoresearch.survey.web;

import org.pmoresearch.survey.domain.FieldViolation;
import org.pmoresearch.survey.domain.ResponseIds;
import org.pmoresearch.survey.domain.SubmissionValidator;
import org.pmoresearch.survey.domain.SurveySubmission;
import org.pmoresearch.survey.domain.ValidationResult;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Turns the Idempotency-Key header and the raw body of POST /api/responses into a valid submission, or rejects it. */
@Component
class SubmissionRequestParser {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ObjectReader strictJson;
    private final SubmissionValidator validator;

    SubmissionRequestParser(JsonMapper jsonMapper, SubmissionValidator validator) {
        // A repeated member would otherwise silently win over the first, hiding what the client sent.
        this.strictJson = jsonMapper.reader()
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.validator = validator;
    }

    record ParsedSubmission(UUID responseId, SurveySubmission submission) {
    }

    ParsedSubmission parse(String idempotencyKey, byte[] body) {
        List<FieldViolation> violations = new ArrayList<>();
        Optional<UUID> responseId = ResponseIds.parse(idempotencyKey);
        if (responseId.isEmpty()) {
            violations.add(FieldViolation.invalid(IDEMPOTENCY_KEY, idempotencyKey == null
                    ? "header is required: a UUID chosen by the client, reused when retrying"
                    : "must be a UUID such as 3f0c9a56-2f5e-4c1b-9d55-7f7e3a2b1c0d"));
        }
        String text = strictUtf8(body).orElseThrow(() -> {
            violations.add(FieldViolation.invalid("$", "is not valid UTF-8"));
            return RejectedRequestException.badRequest(RejectionReason.INVALID_JSON,
                    "The request body is not valid UTF-8.", violations);
        });
        JsonNode tree;
        try {
            tree = strictJson.readTree(text);
        }
        catch (JacksonException e) {
            violations.add(FieldViolation.invalid("$", describe(e)));
            throw RejectedRequestException.badRequest(RejectionReason.INVALID_JSON,
                    "The request body is not valid JSON: " + describe(e), violations);
        }
        if (tree == null || tree.isMissingNode()) {
            violations.add(FieldViolation.invalid("$", "the request body is empty"));
            throw RejectedRequestException.badRequest(RejectionReason.INVALID_JSON, "The request body is empty.", violations);
        }
        ValidationResult result = validator.validate(tree);
        violations.addAll(result.violations());
        if (!violations.isEmpty()) {
            throw RejectedRequestException.badRequest(reasonFor(violations, responseId.isEmpty()),
                    "The response was not accepted; see errors.", violations);
        }
        return new ParsedSubmission(responseId.orElseThrow(), result.submission());
    }

    /**
     * The JSON parser decodes overlong forms such as C0 AF ("/") without complaint; those are the classic way
     * to slip a character past a filter, so the body is decoded strictly first.
     */
    private static Optional<String> strictUtf8(byte[] body) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString());
        }
        catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static RejectionReason reasonFor(List<FieldViolation> violations, boolean badIdempotencyKey) {
        if (badIdempotencyKey) {
            return RejectionReason.IDEMPOTENCY_KEY;
        }
        boolean unknownField = violations.stream().anyMatch(v -> v.kind() == FieldViolation.Kind.UNKNOWN_FIELD);
        return unknownField ? RejectionReason.UNKNOWN_FIELD : RejectionReason.VALIDATION;
    }

    private static String describe(JacksonException e) {
        TokenStreamLocation location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return "malformed JSON" + where + ": " + e.getOriginalMessage();
    }
}
