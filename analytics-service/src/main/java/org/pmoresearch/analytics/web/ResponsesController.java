package org.pmoresearch.analytics.web;

import org.pmoresearch.analytics.domain.ResponseFact;
import org.pmoresearch.analytics.store.ActiveGeneration;
import org.pmoresearch.analytics.store.ResponseFacts;
import org.pmoresearch.contracts.ReportTokens;
import org.pmoresearch.contracts.RespondentProfile;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A respondent's own response, for the holder of its report token (export-service's personal workbook). */
@RestController
class ResponsesController {

    static final String REPORT_TOKEN_HEADER = "X-Report-Token";

    private final ReportTokens tokens;
    private final ResponseFacts facts;
    private final ActiveGeneration generations;

    ResponsesController(ReportTokens tokens, ResponseFacts facts, ActiveGeneration generations) {
        this.tokens = tokens;
        this.facts = facts;
        this.generations = generations;
    }

    @GetMapping("/api/responses/{responseId}")
    ResponseEntity<OwnResponse> ownResponse(@PathVariable String responseId,
            @RequestHeader(name = REPORT_TOKEN_HEADER, required = false) String reportToken) {
        UUID id;
        try {
            id = UUID.fromString(responseId);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameters("responseId must be a UUID",
                    List.of(new FieldError("responseId", "must be a UUID")));
        }
        if (!tokens.matches(id, reportToken)) {
            throw ApiException.wrongReportToken();
        }
        ResponseFact fact = facts.find(generations.current(), id.toString()).orElseThrow(ApiException::notCountedYet);
        if (fact.withdrawn()) {
            throw ApiException.withdrawn();
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new OwnResponse(fact.responseId(), fact.catalogueVersion(), fact.submittedAt(), fact.profile(),
                        fact.selections(), false));
    }

    public record OwnResponse(String responseId, int catalogueVersion, Instant submittedAt, RespondentProfile profile,
            Map<String, List<String>> selections, boolean withdrawn) {
    }
}
