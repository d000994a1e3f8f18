package org.pmoresearch.survey.web;

/** 202 body of POST /api/responses. The report token is what lets the respondent withdraw or fetch their response. */
record SubmissionReceipt(String responseId, String reportToken) {
}
