package org.pmoresearch.analytics.web;

import org.pmoresearch.analytics.messaging.DeadLetterQueue;
import org.pmoresearch.analytics.messaging.DeadLetterQueue.DeadLetter;
import org.pmoresearch.analytics.messaging.Rebuilder;
import org.pmoresearch.analytics.store.AnalyticsStateStore.RebuildState;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Admin operations: rebuilding the counts from the topic, and the dead-letter queue. */
@RestController
@RequestMapping("/api/admin")
class OperationsController {

    private static final String LIMIT = "limit";
    private static final int DEFAULT_DLQ_LIMIT = 100;
    private static final int MAX_DLQ_LIMIT = 1000;

    private final Rebuilder rebuilder;
    private final DeadLetterQueue deadLetters;

    OperationsController(Rebuilder rebuilder, DeadLetterQueue deadLetters) {
        this.rebuilder = rebuilder;
        this.deadLetters = deadLetters;
    }

    @PostMapping("/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    RebuildStarted rebuild() {
        RebuildState started = rebuilder.start().orElseThrow(ApiException::rebuildRunning);
        return new RebuildStarted(started.rebuildId(), started.status());
    }

    @GetMapping("/rebuild")
    RebuildStatus rebuildStatus() {
        return rebuilder.status()
                .map(state -> new RebuildStatus(state.rebuildId(), state.status(), state.startedAt(),
                        state.completedAt(), state.eventsApplied(), state.generation(), state.detail()))
                .orElse(RebuildStatus.IDLE);
    }

    /** The records waiting in the DLQ (not replayed yet), oldest first. */
    @GetMapping("/dlq")
    DeadLetters deadLetters(@RequestParam MultiValueMap<String, String> parameters) {
        QueryParameters query = new QueryParameters(parameters, null, Set.of(LIMIT));
        int limit = query.integer(LIMIT, DEFAULT_DLQ_LIMIT, 1, MAX_DLQ_LIMIT);
        query.check();
        return new DeadLetters(deadLetters.pending(limit));
    }

    @PostMapping("/dlq/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Replayed replay() {
        return new Replayed(deadLetters.replay());
    }

    public record RebuildStarted(String rebuildId, String status) {
    }

    /**
     * @param status idle (never run), running, completed or failed
     * @param generation the generation the rebuild fills (active once completed)
     * @param detail why a rebuild failed
     */
    public record RebuildStatus(String rebuildId, String status, Instant startedAt, Instant completedAt,
            long eventsApplied, Integer generation, String detail) {

        static final RebuildStatus IDLE = new RebuildStatus(null, "idle", null, null, 0, null, null);
    }

    public record DeadLetters(List<DeadLetter> records) {
    }

    public record Replayed(int replayed) {
    }
}
