package org.pmoresearch.export.web;

import org.pmoresearch.export.domain.ExportUnavailableException;
import org.pmoresearch.export.domain.InvalidParameterException;
import org.pmoresearch.export.domain.ParameterProblem;
import org.pmoresearch.export.domain.ResponseNotFoundException;
import org.pmoresearch.export.domain.ResponseWithdrawnException;
import org.pmoresearch.export.domain.WrongReportTokenException;
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
import java.util.List;

/**
 * Problem+json for every error: bad parameters name the parameter, a wrong report token is 403, a response not
 * counted yet or withdrawn is 404 or 410, a workbook that cannot be built yet is a 503 the client can retry, and
 * Spring MVC's own problems (404, 405, ...) always name their type.
 */
@RestControllerAdvice
public class ExportProblemHandler extends ResponseEntityExceptionHandler {

    private static final URI EXPORT_UNAVAILABLE = URI.create("urn:pmoresearch:problem:export-unavailable");
    private static final URI INVALID_PARAMETER = URI.create("urn:pmoresearch:problem:invalid-parameter");
    private static final URI WRONG_REPORT_TOKEN = URI.create("urn:pmoresearch:problem:wrong-report-token");
    private static final URI RESPONSE_NOT_FOUND = URI.create("urn:pmoresearch:problem:response-not-found");
    private static final URI RESPONSE_WITHDRAWN = URI.create("urn:pmoresearch:problem:response-withdrawn");
    /** Long enough for a booting service to read the catalogue topic or for analytics to come back. */
    private static final String RETRY_AFTER_SECONDS = "15";
    /** The contract's wait for a response analytics has not counted yet, when analytics names none. */
    private static final String NOT_COUNTED_RETRY_AFTER_SECONDS = "2";

    private static final URI NO_FURTHER_SEMANTICS = URI.create("about:blank");
    private static final Logger log = LoggerFactory.getLogger(ExportProblemHandler.class);

    @ExceptionHandler(ExportUnavailableException.class)
    ResponseEntity<ProblemDetail> exportUnavailable(ExportUnavailableException e) {
        log.warn("Export unavailable: {}{}", e.getMessage(), e.getCause() == null ? "" : " (" + e.getCause() + ")");
        return problem(HttpStatus.SERVICE_UNAVAILABLE, EXPORT_UNAVAILABLE, "Export temporarily unavailable", e.getMessage(),
                RETRY_AFTER_SECONDS);
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> invalidParameter(InvalidParameterException e) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.BAD_REQUEST, INVALID_PARAMETER, "Invalid request parameter",
                e.getMessage(), null);
        response.getBody().setProperty("errors", e.problems());
        return response;
    }

    /**
     * The servlet container could not read the query string (malformed %-encoding, more parameters than it accepts):
     * the request is at fault, so it is a 400 like any other bad parameter, not an error of the service.
     */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<ProblemDetail> unreadableParameters(org.apache.tomcat.util.http.InvalidParameterException e) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.BAD_REQUEST, INVALID_PARAMETER, "Invalid request parameter",
                "The query string cannot be read.", null);
        response.getBody().setProperty("errors", List.of(new ParameterProblem("query",
                "malformed %-encoding, or more parameters than the server accepts")));
        return response;
    }

    @ExceptionHandler(WrongReportTokenException.class)
    ResponseEntity<ProblemDetail> wrongReportToken(WrongReportTokenException e) {
        return problem(HttpStatus.FORBIDDEN, WRONG_REPORT_TOKEN, "Wrong report token", e.getMessage(), null);
    }

    @ExceptionHandler(ResponseNotFoundException.class)
    ResponseEntity<ProblemDetail> responseNotFound(ResponseNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, RESPONSE_NOT_FOUND, "Response not counted yet", e.getMessage(),
                e.retryAfter() == null ? NOT_COUNTED_RETRY_AFTER_SECONDS : e.retryAfter());
    }

    @ExceptionHandler(ResponseWithdrawnException.class)
    ResponseEntity<ProblemDetail> responseWithdrawn(ResponseWithdrawnException e) {
        return problem(HttpStatus.GONE, RESPONSE_WITHDRAWN, "Response withdrawn", e.getMessage(), null);
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

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, URI type, String title, String detail, String retryAfter) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return response.body(problem);
    }
}
