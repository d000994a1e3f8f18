package org.pmoresearch.analytics.messaging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue id format that area and task ids of a response must have: {@code ^[a-z0-9]+(-[a-z0-9]+)*$}. */
class ResponseParserTest {

    @Test
    void lowerCaseWordsOfLettersAndDigitsJoinedBySingleHyphensAreCatalogueIds() {
        assertThat(ResponseParser.isCatalogueId("risk-management")).isTrue();
        assertThat(ResponseParser.isCatalogueId("a")).isTrue();
        assertThat(ResponseParser.isCatalogueId("iso-31000-2018")).isTrue();
        assertThat(ResponseParser.isCatalogueId("7")).isTrue();
        assertThat(ResponseParser.isCatalogueId("x".repeat(80))).isTrue();
    }

    @Test
    void anythingElseIsNot() {
        assertThat(ResponseParser.isCatalogueId(null)).isFalse();
        assertThat(ResponseParser.isCatalogueId("")).isFalse();
        assertThat(ResponseParser.isCatalogueId("-risk")).isFalse();
        assertThat(ResponseParser.isCatalogueId("risk-")).isFalse();
        assertThat(ResponseParser.isCatalogueId("-")).isFalse();
        assertThat(ResponseParser.isCatalogueId("risk--management")).isFalse();
        assertThat(ResponseParser.isCatalogueId("Risk-management")).isFalse();
        assertThat(ResponseParser.isCatalogueId("risk.management")).isFalse();
        assertThat(ResponseParser.isCatalogueId("risk_management")).isFalse();
        assertThat(ResponseParser.isCatalogueId("risk management")).isFalse();
        assertThat(ResponseParser.isCatalogueId("risk\n")).isFalse();
        assertThat(ResponseParser.isCatalogueId("résumé")).isFalse();
        assertThat(ResponseParser.isCatalogueId("$where")).isFalse();
        assertThat(ResponseParser.isCatalogueId("x".repeat(81))).isFalse();
    }
}
