package org.pmoresearch.survey.web;

/** No catalogue version has arrived yet, so there is no survey to show. */
class SurveyUnavailableException extends RuntimeException {

    SurveyUnavailableException() {
        super("No catalogue version has been loaded yet; retry shortly.");
    }
}
