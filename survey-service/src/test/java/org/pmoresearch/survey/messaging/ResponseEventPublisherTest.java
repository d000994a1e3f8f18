package org.pmoresearch.survey.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.pmoresearch.contracts.EventHeaders;
import org.pmoresearch.contracts.RespondentProfile;
import org.pmoresearch.contracts.SurveyResponseSubmitted;
import org.pmoresearch.survey.domain.SurveySubmission;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.MessageHandlingException;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** How the publisher turns the binding's answer into success or a 503; the real round trip is in the integration tests. */
class ResponseEventPublisherTest {

    private static final UUID RESPONSE_ID = UUID.fromString("3f0c9a56-2f5e-4c1b-9d55-7f7e3a2b1c0d");
    private static final SurveySubmission SUBMISSION =
            new SurveySubmission(1, RespondentProfile.EMPTY, Map.of("secretariat", List.of("minutes")), null);

    private final MessageChannel responsesOut = mock(MessageChannel.class);
    private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
    private final JsonMapper json = JsonMapper.builder().build();
    private final ResponseEventPublisher publisher = new ResponseEventPublisher(() -> responsesOut, json, meterRegistry);

    @Test
    @SuppressWarnings("unchecked")
    void sendsTheEventKeyedByResponseIdWithItsTypeHeader() {
        when(responsesOut.send(any(Message.class))).thenReturn(true);

        publisher.publishSubmitted(RESPONSE_ID, SUBMISSION);

        ArgumentCaptor<Message<byte[]>> sent = ArgumentCaptor.forClass(Message.class);
        verify(responsesOut).send(sent.capture());
        Message<byte[]> message = sent.getValue();
        assertThat(new String((byte[]) message.getHeaders().get(KafkaHeaders.KEY), StandardCharsets.UTF_8))
                .isEqualTo(RESPONSE_ID.toString());
        assertThat(message.getHeaders().get(EventHeaders.EVENT_TYPE)).isEqualTo("SurveyResponseSubmitted");
        assertThat(message.getHeaders().get(MessageHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        SurveyResponseSubmitted event = json.readValue(message.getPayload(), SurveyResponseSubmitted.class);
        assertThat(event.responseId()).isEqualTo(RESPONSE_ID);
        assertThat(event.selections()).isEqualTo(SUBMISSION.selections());
        assertThat(meterRegistry.timer(ResponseEventPublisher.PUBLISH_TIMER,
                "event", "SurveyResponseSubmitted", "outcome", "acknowledged").count()).isEqualTo(1);
    }

    @Test
    void aDeliveryTimeoutBecomesBrokerUnavailable() {
        when(responsesOut.send(any(Message.class)))
                .thenThrow(new MessageHandlingException(null, "send failed", new TimeoutException("Expiring 1 record(s)")));

        assertThatThrownBy(() -> publisher.publishWithdrawn(RESPONSE_ID))
                .isInstanceOf(BrokerUnavailableException.class)
                .hasRootCauseInstanceOf(TimeoutException.class);
        assertThat(meterRegistry.timer(ResponseEventPublisher.PUBLISH_TIMER,
                "event", "SurveyResponseWithdrawn", "outcome", "failed").count()).isEqualTo(1);
    }

    @Test
    void aSendTheBindingDidNotAcceptBecomesBrokerUnavailable() {
        when(responsesOut.send(any(Message.class))).thenReturn(false);

        assertThatThrownBy(() -> publisher.publishSubmitted(RESPONSE_ID, SUBMISSION))
                .isInstanceOf(BrokerUnavailableException.class);
    }
}
