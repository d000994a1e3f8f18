package org.pmoresearch.survey.web;

/** 202 body of POST /api/responses/{responseId}/withdraw. */
record WithdrawalReceipt(String responseId, boolean withdrawn) {
}
