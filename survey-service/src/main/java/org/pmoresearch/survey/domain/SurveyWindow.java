package org.pmoresearch.survey.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the survey takes responses now: between its opening and closing instants and, when a cap
 * is configured, until this instance has accepted that many.
 * <p>
 * The cap is counted in memory by each instance: it counts the 202s this instance gave since it
 * started (a client retry with the same Idempotency-Key counts again), so it is a ceiling on the
 * load one instance takes, not an exact number of distinct respondents across instances or restarts.
 */
public final class SurveyWindow {

    public enum State {
        NOT_YET_OPEN,
        OPEN,
        CLOSED,
        CAP_REACHED
    }

    private final Instant opensAt;
    private final Instant closesAt;
    private final Long maxResponses;
    private final Clock clock;
    private final AtomicLong placesTaken = new AtomicLong();

    /**
     * @param opensAt      null: open from the start
     * @param closesAt     null: never closes
     * @param maxResponses null: no cap
     */
    public SurveyWindow(Instant opensAt, Instant closesAt, Long maxResponses, Clock clock) {
        this.opensAt = opensAt;
        this.closesAt = closesAt;
        this.maxResponses = maxResponses;
        this.clock = clock;
    }

    public State state() {
        Instant now = clock.instant();
        if (opensAt != null && now.isBefore(opensAt)) {
            return State.NOT_YET_OPEN;
        }
        if (closesAt != null && !now.isBefore(closesAt)) {
            return State.CLOSED;
        }
        if (maxResponses != null && placesTaken.get() >= maxResponses) {
            return State.CAP_REACHED;
        }
        return State.OPEN;
    }

    /**
     * Takes one place under the cap for a response about to be published, so that concurrent
     * requests cannot overshoot it. Give the place back with {@link #releasePlace()} if the response
     * is not accepted after all.
     *
     * @return {@link State#OPEN} if a place was taken, otherwise why not
     */
    public State takePlace() {
        State state = state();
        if (state != State.OPEN || maxResponses == null) {
            return state;
        }
        long before = placesTaken.getAndUpdate(taken -> taken < maxResponses ? taken + 1 : taken);
        return before < maxResponses ? State.OPEN : State.CAP_REACHED;
    }

    public void releasePlace() {
        if (maxResponses != null) {
            placesTaken.decrementAndGet();
        }
    }

    public Optional<Instant> opensAt() {
        return Optional.ofNullable(opensAt);
    }

    public Optional<Instant> closesAt() {
        return Optional.ofNullable(closesAt);
    }
}
