package org.pmoresearch.survey.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Map;

/** Outcome counters of the response endpoints, registered up front so that every series exists from zero. */
@Component
class ResponseMetrics {

    private final Counter accepted;
    private final Counter withdrawn;
    private final Map<RejectionReason, Counter> rejected = new EnumMap<>(RejectionReason.class);

    ResponseMetrics(MeterRegistry registry) {
        this.accepted = Counter.builder("pmo.responses.accepted")
                .description("Responses acknowledged by Kafka and answered with 202")
                .register(registry);
        this.withdrawn = Counter.builder("pmo.responses.withdrawn")
                .description("Withdrawals acknowledged by Kafka and answered with 202")
                .register(registry);
        for (RejectionReason reason : RejectionReason.values()) {
            rejected.put(reason, Counter.builder("pmo.responses.rejected")
                    .description("Response and withdrawal requests turned down, by reason")
                    .tag("reason", reason.tag())
                    .register(registry));
        }
    }

    void accepted() {
        accepted.increment();
    }

    void withdrawn() {
        withdrawn.increment();
    }

    void rejected(RejectionReason reason) {
        rejected.get(reason).increment();
    }
}
