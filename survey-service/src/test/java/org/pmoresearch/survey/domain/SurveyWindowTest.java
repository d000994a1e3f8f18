package org.pmoresearch.survey.domain;

import org.junit.jupiter.api.Test;
import org.pmoresearch.survey.domain.SurveyWindow.State;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class SurveyWindowTest {

    private static final Instant OPENS = Instant.parse("2027-03-01T09:00:00Z");
    private static final Instant CLOSES = Instant.parse("2027-03-31T17:00:00Z");

    @Test
    void withoutDatesOrCapTheSurveyIsAlwaysOpen() {
        SurveyWindow window = new SurveyWindow(null, null, null, at("2001-01-01T00:00:00Z"));

        assertThat(window.state()).isEqualTo(State.OPEN);
        assertThat(window.takePlace()).isEqualTo(State.OPEN);
        assertThat(window.opensAt()).isEmpty();
        assertThat(window.closesAt()).isEmpty();
    }

    @Test
    void isOpenFromTheOpeningInstantUntilJustBeforeTheClosingInstant() {
        assertThat(new SurveyWindow(OPENS, CLOSES, null, at("2027-03-01T08:59:59Z")).state()).isEqualTo(State.NOT_YET_OPEN);
        assertThat(new SurveyWindow(OPENS, CLOSES, null, at("2027-03-01T09:00:00Z")).state()).isEqualTo(State.OPEN);
        assertThat(new SurveyWindow(OPENS, CLOSES, null, at("2027-03-31T16:59:59Z")).state()).isEqualTo(State.OPEN);
        assertThat(new SurveyWindow(OPENS, CLOSES, null, at("2027-03-31T17:00:00Z")).state()).isEqualTo(State.CLOSED);
    }

    @Test
    void aClosedSurveyGivesNoPlace() {
        SurveyWindow window = new SurveyWindow(OPENS, CLOSES, 10L, at("2027-04-01T00:00:00Z"));

        assertThat(window.takePlace()).isEqualTo(State.CLOSED);
    }

    @Test
    void theCapIsReachedAfterThatManyPlacesAndAReleasedPlaceIsFreeAgain() {
        SurveyWindow window = new SurveyWindow(null, null, 2L, at("2027-03-02T00:00:00Z"));

        assertThat(window.takePlace()).isEqualTo(State.OPEN);
        assertThat(window.takePlace()).isEqualTo(State.OPEN);
        assertThat(window.takePlace()).isEqualTo(State.CAP_REACHED);
        assertThat(window.state()).isEqualTo(State.CAP_REACHED);

        window.releasePlace();

        assertThat(window.state()).isEqualTo(State.OPEN);
        assertThat(window.takePlace()).isEqualTo(State.OPEN);
    }

    @Test
    void concurrentRequestsNeverOvershootTheCap() throws Exception {
        SurveyWindow window = new SurveyWindow(null, null, 100L, at("2027-03-02T00:00:00Z"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<State>> attempts = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                attempts.add(window::takePlace);
            }
            List<State> outcomes = new ArrayList<>();
            for (Future<State> outcome : pool.invokeAll(attempts)) {
                outcomes.add(outcome.get());
            }

            assertThat(outcomes).filteredOn(state -> state == State.OPEN).hasSize(100);
            assertThat(outcomes).filteredOn(state -> state == State.CAP_REACHED).hasSize(900);
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }
}
