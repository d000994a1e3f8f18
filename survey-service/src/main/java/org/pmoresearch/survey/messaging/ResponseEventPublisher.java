package org.pmoresearch.survey.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.pmoresearch.contracts.EventHeaders;
import org.pmoresearch.contracts.SurveyResponseSubmitted;
import org.pmoresearch.contracts.SurveyResponseWithdrawn;
import org.pmoresearch.survey.domain.SurveySubmission;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Publishes response events on binding {@code responses-out-0} (topic pmo.survey-responses.v1),
 * keyed by responseId so that all events of one response share a partition and stay in order.
 * The binding sends synchronously: a method returns only once Kafka acknowledged the record
 * (acks=all), and throws {@link BrokerUnavailableException} otherwise.
 */
@Component
public class ResponseEventPublisher {

    static final String BINDING = "responses-out-0";
    static final String PUBLISH_TIMER = "pmo.responses.publish";

    private final StreamBridge streamBridge;
    private final JsonMapper jsonMapper;
    private final MeterRegistry meterRegistry;

    public ResponseEventPublisher(StreamBridge streamBridge, JsonMapper jsonMapper, MeterRegistry meterRegistry) {
        this.streamBridge = streamBridge;
        this.jsonMapper = jsonMapper;
        this.meterRegistry = meterRegistry;
    }

    public void publishSubmitted(UUID responseId, SurveySubmission submission) {
        publish(responseId, new SurveyResponseSubmitted(SurveyResponseSubmitted.SCHEMA_VERSION, UUID.randomUUID(),
                responseId, Instant.now(), submission.catalogueVersion(), submission.profile(),
                submission.selections(), submission.otherServices()));
    }

    public void publishWithdrawn(UUID responseId) {
        publish(responseId, new SurveyResponseWithdrawn(SurveyResponseWithdrawn.SCHEMA_VERSION, UUID.randomUUID(),
                responseId, Instant.now()));
    }

    private void publish(UUID responseId, Object event) {
        String eventType = event.getClass().getSimpleName();
        Message<byte[]> message = MessageBuilder.withPayload(jsonMapper.writeValueAsBytes(event))
                .setHeader(KafkaHeaders.KEY, responseId.toString().getBytes(StandardCharsets.UTF_8))
                .setHeader(EventHeaders.EVENT_TYPE, eventType)
                .build();
        Timer.Sample sample = Timer.start(meterRegistry);
        boolean acknowledged = false;
        try {
            acknowledged = streamBridge.send(BINDING, message);
        }
        catch (RuntimeException e) {
            // Whatever failed on the way (no binding yet, metadata or delivery timeout), the record is not acknowledged.
            throw new BrokerUnavailableException(eventType + " for response " + responseId + " was not acknowledged by Kafka", e);
        }
        finally {
            sample.stop(Timer.builder(PUBLISH_TIMER)
                    .description("Time until Kafka acknowledged a response event, or gave up")
                    .tag("event", eventType)
                    .tag("outcome", acknowledged ? "acknowledged" : "failed")
                    .register(meterRegistry));
        }
        if (!acknowledged) {
            throw new BrokerUnavailableException(eventType + " for response " + responseId + " was not accepted by the binding", null);
        }
    }
}
