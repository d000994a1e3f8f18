package org.pmoresearch.catalogue.web;

import org.pmoresearch.catalogue.domain.CatalogueRuleException;
import org.pmoresearch.catalogue.domain.ImportRejectedException;
import org.pmoresearch.catalogue.domain.ItemNotFoundException;
import org.pmoresearch.catalogue.domain.MalformedImportException;
import org.pmoresearch.catalogue.domain.StaleDraftException;
import org.pmoresearch.catalogue.domain.VersionConflictException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

import java.net.URI;
import java.util.List;

/**
 * Problem details for every error Spring MVC raises and every rule the catalogue enforces, with an {@code errors}
 * list naming each invalid field (and, for imports, its line), so that bad input always gets a 4xx that says what
 * to fix.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    record FieldError(String field, String reason) {
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> staleDraft(StaleDraftException e) {
        ProblemDetail problem = problem(HttpStatus.PRECONDITION_FAILED, ProblemTypes.DRAFT_CHANGED, "The draft has changed",
                "Someone else changed the draft: your change was based on ETag " + IfMatch.eTagOf(e.expectedRevision())
                        + " but the draft is now at " + IfMatch.eTagOf(e.currentRevision())
                        + ". Nothing was changed: reload the draft and apply your change again.");
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).eTag(IfMatch.eTagOf(e.currentRevision())).body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> ruleViolated(CatalogueRuleException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.CATALOGUE_RULE_VIOLATED,
                "Catalogue rule violated", e.getMessage() + ". Nothing was changed.");
        problem.setProperty("errors", e.violations().stream().map(v -> new FieldError(v.field(), v.reason())).toList());
        return ResponseEntity.unprocessableContent().body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> importRejected(ImportRejectedException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.IMPORT_REJECTED,
                "Import rejected", "The file has " + e.problems().size()
                        + " problem(s), listed in 'errors' with their line. Nothing was changed.");
        problem.setProperty("errors", e.problems());
        return ResponseEntity.unprocessableContent().body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> malformedImport(MalformedImportException e) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_IMPORT,
                "Malformed import file", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> itemNotFound(ItemNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND,
                ProblemTypes.CATALOGUE_ITEM_NOT_FOUND, "Catalogue item not found", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> versionConflict(VersionConflictException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT,
                ProblemTypes.VERSION_CONFLICT, "Version already published", e.getMessage() + ": reload and check the diff"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), reasonOf(error)))
                .toList();
        String detail = errors.stream().map(error -> "'" + error.field() + "' " + error.reason())
                .reduce((first, second) -> first + "; " + second)
                .orElse("Invalid request body");
        return handleExceptionInternal(ex, badRequest(detail, errors), headers, status, request);
    }

    /** Names what is wrong with the JSON (and where) instead of Spring's generic "Failed to read request". */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (!(ex.getMostSpecificCause() instanceof JacksonException jackson)) {
            return super.handleHttpMessageNotReadable(ex, headers, status, request);
        }
        String path = jsonPath(jackson.getPath());
        String reason = jackson.getOriginalMessage().lines().findFirst().orElse("is not readable");
        String detail = "Malformed JSON" + (path.isEmpty() ? "" : " at '" + path + "'") + ": " + reason;
        ProblemDetail problem = badRequest(detail, List.of(new FieldError(path.isEmpty() ? "$" : path, reason)));
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String reason = "must be " + describe(ex.getRequiredType());
        ProblemDetail problem = badRequest("'" + ex.getPropertyName() + "' " + reason + ", not '" + ex.getValue() + "'",
                List.of(new FieldError(ex.getPropertyName(), reason)));
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldError(result.getMethodParameter().getParameterName(), reasonOf(error))))
                .toList();
        String detail = errors.stream().map(error -> "'" + error.field() + "' " + error.reason())
                .reduce((first, second) -> first + "; " + second)
                .orElse("Invalid request");
        return handleExceptionInternal(ex, badRequest(detail, errors), headers, status, request);
    }

    /** Gives every problem a type, including those Spring MVC builds for its own exceptions. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && problem.getType() == null) {
            problem.setType(ProblemTypes.forStatus(response.getStatusCode()));
        }
        return response;
    }

    private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    private static String jsonPath(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static ProblemDetail badRequest(String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(ProblemTypes.INVALID_REQUEST);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }

    private static String reasonOf(MessageSourceResolvable error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        return type == null ? "of a different type" : "a valid " + type.getSimpleName();
    }
}
