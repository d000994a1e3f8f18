package org.pmoresearch.contracts;

/**
 * The topic names of the platform: the one place they are spelled.
 *
 * <ul>
 *   <li>{@link #CATALOGUE}: compacted; key = catalogue version number; value {@link CataloguePublished}.</li>
 *   <li>{@link #SURVEY_RESPONSES}: key = responseId; values {@link SurveyResponseSubmitted} and
 *       {@link SurveyResponseWithdrawn}, told apart by the {@link EventHeaders#EVENT_TYPE} header.</li>
 *   <li>{@link #SURVEY_RESPONSES_DLQ}: records analytics could not apply, with the cause in headers.</li>
 * </ul>
 */
public final class Topics {

    public static final String CATALOGUE = "pmo.catalogue.v1";
    public static final String SURVEY_RESPONSES = "pmo.survey-responses.v1";
    public static final String SURVEY_RESPONSES_DLQ = "pmo.survey-responses.v1.dlq";

    private Topics() {
    }
}
