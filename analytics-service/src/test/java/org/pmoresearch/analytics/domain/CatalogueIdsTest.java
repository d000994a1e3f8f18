package org.pmoresearch.analytics.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue id format ({@code ^[a-z0-9]+(-[a-z0-9]+)*$}, at most 80 characters), and one string per id, up to a
 * bound that events naming ever new ids cannot pass.
 */
class CatalogueIdsTest {

    private final CatalogueIds ids = new CatalogueIds();

    @Test
    void lowerCaseWordsOfLettersAndDigitsJoinedBySingleHyphensAreCatalogueIds() {
        assertThat(CatalogueIds.isCatalogueId("risk-management")).isTrue();
        assertThat(CatalogueIds.isCatalogueId("a")).isTrue();
        assertThat(CatalogueIds.isCatalogueId("iso-31000-2018")).isTrue();
        assertThat(CatalogueIds.isCatalogueId("7")).isTrue();
        assertThat(CatalogueIds.isCatalogueId("x".repeat(80))).isTrue();
    }

    @Test
    void anythingElseIsNot() {
        assertThat(CatalogueIds.isCatalogueId(null)).isFalse();
        assertThat(CatalogueIds.isCatalogueId("")).isFalse();
        assertThat(CatalogueIds.isCatalogueId("-risk")).isFalse();
        assertThat(CatalogueIds.isCatalogueId("risk-")).isFalse();
        assertThat(CatalogueIds.isCatalogueId("-")).isFalse();
        assertThat(CatalogueIds.isCatalogueId("risk--management")).isFalse();
        assertThat(CatalogueIds.isCatalogueId("Risk-management")).isFalse();
        assertThat(CatalogueIds.isCatalogueId("risk.management")).isFalse();
        assertThat(CatalogueIds.isCatalogueId("risk_management")).isFalse();
        assertThat(CatalogueIds.isCatalogueId("risk management")).isFalse();
        assertThat(CatalogueIds.isCatalogueId("risk\n")).isFalse();
        assertThat(CatalogueIds.isCatalogueId("résumé")).isFalse();
        assertThat(CatalogueIds.isCatalogueId("$where")).isFalse();
        assertThat(CatalogueIds.isCatalogueId("x".repeat(81))).isFalse();
    }

    @Test
    void anIdFoundByItsCharactersIsTheInstanceKeptForIt() {
        char[] around = "xxtask-7yy".toCharArray();

        String kept = ids.id("task-7");

        assertThat(ids.id(around, 2, 6)).isSameAs(kept);
        assertThat(ids.id(new String("task-7".toCharArray()))).isSameAs(kept);
        assertThat(ids.size()).isEqualTo(1);
    }

    @Test
    void onlyIdsInTheCatalogueFormatAreKept() {
        char[] invalid = "Task 1".toCharArray();

        assertThat(ids.id(invalid, 0, invalid.length)).isNull();
        assertThat(ids.id("-task")).isNull();
        assertThat(ids.id(new char[0], 0, 0)).isNull();
        assertThat(ids.id("x".repeat(CatalogueIds.MAX_ID_LENGTH + 1))).isNull();
        assertThat(ids.size()).isZero();
    }

    @Test
    void idsAreKeptUpToTheCapacityAndAreNewStringsAfterIt() {
        for (int i = 0; i < CatalogueIds.CAPACITY + 100; i++) {
            char[] id = ("task-" + i).toCharArray();
            assertThat(ids.id(id, 0, id.length)).isEqualTo("task-" + i);
        }

        assertThat(ids.size()).isEqualTo(CatalogueIds.CAPACITY);
        assertThat(ids.id("task-7")).isSameAs(ids.id("task-7"));
        String late = "task-" + (CatalogueIds.CAPACITY + 50);
        assertThat(ids.id(late)).isEqualTo(late).isNotSameAs(ids.id(new String(late.toCharArray())));
        assertThat(ids.size()).isEqualTo(CatalogueIds.CAPACITY);
    }
}
