package org.pmoresearch.catalogue.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Rendered as a 404 problem+json by the MVC problem-details handling. */
class CatalogueNotFoundException extends ErrorResponseException {

    private CatalogueNotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, problem(detail), null);
    }

    static CatalogueNotFoundException noVersionPublished() {
        return new CatalogueNotFoundException("No catalogue version has been published yet");
    }

    static CatalogueNotFoundException unknownVersion(int version) {
        return new CatalogueNotFoundException("Catalogue version " + version + " does not exist");
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setType(ProblemTypes.CATALOGUE_VERSION_NOT_FOUND);
        problem.setTitle("Catalogue version not found");
        return problem;
    }
}
