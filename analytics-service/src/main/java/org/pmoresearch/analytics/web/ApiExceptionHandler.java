package org.pmoresearch.analytics.web;

import org.pmoresearch.analytics.domain.CatalogueNotReadYetException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;

/**
 * Every error as RFC 9457 problem+json. The framework's own 4xx (unknown path, wrong method, a path
 * variable of the wrong type, ...) come from {@link ResponseEntityExceptionHandler}.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    static final String PROBLEM_TYPE_PREFIX = "urn:pmoresearch:problem:";

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> problem(ApiException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setType(URI.create(PROBLEM_TYPE_PREFIX + e.type()));
        problem.setTitle(e.title());
        if (!e.errors().isEmpty()) {
            problem.setProperty("errors", e.errors());
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()));
        }
        return response.body(problem);
    }

    /** Right after a start, before this instance has read the catalogue a stored response answers. */
    @ExceptionHandler(CatalogueNotReadYetException.class)
    ResponseEntity<ProblemDetail> catalogueNotReadYet(CatalogueNotReadYetException e) {
        return problem(ApiException.catalogueNotReadYet(e.version()));
    }

    /**
     * The servlet container could not read the query string (malformed %-encoding, more parameters than it accepts):
     * the request is at fault, so it is a 400 like any other bad parameter, not an error of the service.
     */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<ProblemDetail> unreadableParameters(org.apache.tomcat.util.http.InvalidParameterException e) {
        return problem(ApiException.invalidParameters("The query string cannot be read.",
                List.of(new FieldError("query", "malformed %-encoding, or more parameters than the server accepts"))));
    }

    /** A request that claims a multipart body, which no endpoint here takes, and whose body cannot be read as one. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException e) {
        return problem(ApiException.invalidParameters("The request claims a multipart body, which no endpoint here takes.",
                List.of(new FieldError("Content-Type", "multipart bodies are not accepted"))));
    }
}
