package org.pmoresearch.export.web;

import org.pmoresearch.export.domain.ExportUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;

/**
 * Problem+json for every error: a workbook that cannot be built yet becomes a 503 the client can retry,
 * and Spring MVC's own problems (404, 405, ...) always name their type.
 */
@RestControllerAdvice
public class ExportProblemHandler extends ResponseEntityExceptionHandler {

    private static final URI EXPORT_UNAVAILABLE = URI.create("urn:pmoresearch:problem:export-unavailable");
    /** Long enough for a booting service to read the catalogue topic or for analytics to come back. */
    private static final String RETRY_AFTER_SECONDS = "15";

    private static final URI NO_FURTHER_SEMANTICS = URI.create("about:blank");
    private static final Logger log = LoggerFactory.getLogger(ExportProblemHandler.class);

    @ExceptionHandler(ExportUnavailableException.class)
    ResponseEntity<ProblemDetail> exportUnavailable(ExportUnavailableException e) {
        log.warn("Export unavailable: {}{}", e.getMessage(), e.getCause() == null ? "" : " (" + e.getCause() + ")");
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setType(EXPORT_UNAVAILABLE);
        problem.setTitle("Export temporarily unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem && problem.getType() == null) {
            problem.setType(NO_FURTHER_SEMANTICS);
        }
        return response;
    }
}
