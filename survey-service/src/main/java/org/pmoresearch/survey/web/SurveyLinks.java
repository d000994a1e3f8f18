package org.pmoresearch.survey.web;

import org.pmoresearch.survey.config.PublicUrlsProperties;

/**
 * Where the survey pages send the respondent next, from the configured public base URLs (empty:
 * same-origin paths). The workbook link is a template: the page fills in {@code {responseId}} and
 * {@code {token}} from the 202 receipt it keeps.
 */
record SurveyLinks(String dashboard, String hotspots, String personalWorkbookTemplate) {

    static SurveyLinks from(PublicUrlsProperties urls) {
        return new SurveyLinks(
                urls.analytics() + "/dashboard",
                urls.analytics() + "/api/hotspots",
                urls.export() + "/api/exports/responses/{responseId}.xlsx?token={token}");
    }
}
