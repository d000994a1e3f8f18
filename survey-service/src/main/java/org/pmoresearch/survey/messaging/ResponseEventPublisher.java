package org.pmoresearch.survey.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.pmoresearch.contracts.EventHeaders;
import org.pmoresearch.contracts.SurveyResponseSubmitted;
import org.pmoresearch.contracts.SurveyResponseWithdrawn;
import org.pmoresearch.survey.domain.SurveySubmission;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import org.springframework.util.function.SingletonSupplier;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Publishes response events on binding {@code responses-out-0} (topic pmo.survey-responses.v1),
 * keyed by responseId so that all events of one response share a partition and stay in order.
 * The binding sends synchronously: a method returns only once Kafka acknowledged the record
 * (acks=all), and throws {@link BrokerUnavailableException} otherwise.
 * <p>
 * The event is serialised here, once, and handed to the binding's output channel (declared in
 * {@code spring.cloud.stream.output-bindings}, bound at start-up). StreamBridge would pass the
 * ready bytes through its function layer, which re-parses the JSON to decide how to convert it and
 * holds one lock for every request thread: at load that layer cost more than Kafka itself.
 */
@Component
public class ResponseEventPublisher {

    static final String BINDING = "responses-out-0";
    static final String PUBLISH_TIMER = "pmo.responses.publish";

    private final Supplier<MessageChannel> responsesOut;
    private final JsonMapper jsonMapper;
    private final MeterRegistry meterRegistry;

    @Autowired
    public ResponseEventPublisher(BeanFactory beanFactory, JsonMapper jsonMapper, MeterRegistry meterRegistry) {
        // The binder registers the channel while binding, after this bean is created: look it up on first use.
        this(SingletonSupplier.of(() -> beanFactory.getBean(BINDING, MessageChannel.class)), jsonMapper, meterRegistry);
    }

    ResponseEventPublisher(Supplier<MessageChannel> responsesOut, JsonMapper jsonMapper, MeterRegistry meterRegistry) {
        this.responsesOut = responsesOut;
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
                .setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE)
                .build();
        Timer.Sample sample = Timer.start(meterRegistry);
        boolean acknowledged = false;
        try {
            acknowledged = responsesOut.get().send(message);
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
