package org.pmoresearch.analytics.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class VersionedAnswersTest {

    private final VersionedAnswers<String, StringBuilder> answers = new VersionedAnswers<>(3);
    private final AtomicInteger made = new AtomicInteger();

    @Test
    void theSameQuestionInTheSameVersionIsAnsweredOnce() {
        StringBuilder first = answers.get("v1", "all", () -> make("all"));
        StringBuilder again = answers.get("v1", "all", () -> make("all"));

        assertThat(again).isSameAs(first);
        assertThat(made).hasValue(1);
    }

    @Test
    void aNewVersionOrAnotherQuestionIsAnsweredAgain() {
        StringBuilder v1 = answers.get("v1", "all", () -> make("all v1"));
        StringBuilder europe = answers.get("v1", "europe", () -> make("europe v1"));
        StringBuilder v2 = answers.get("v2", "all", () -> make("all v2"));

        assertThat(v1).hasToString("all v1");
        assertThat(europe).hasToString("europe v1");
        assertThat(v2).hasToString("all v2");
        assertThat(answers.get("v2", "all", () -> make("not made"))).isSameAs(v2);
        assertThat(made).hasValue(3);
    }

    @Test
    void askersAtTheSameMomentWaitForOneAnswer() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<StringBuilder> first = CompletableFuture.supplyAsync(() -> answers.get("v1", "all", () -> {
            started.countDown();
            awaitQuietly(release);
            return make("all");
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<StringBuilder> second = CompletableFuture.supplyAsync(
                () -> answers.get("v1", "all", () -> make("made twice")));
        release.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> first.isDone() && second.isDone());
        assertThat(second.get()).isSameAs(first.get()).hasToString("all");
        assertThat(made).hasValue(1);
    }

    @Test
    void aFailedAnswerIsNotKept() {
        assertThatThrownBy(() -> answers.get("v1", "all", () -> {
            throw new IllegalStateException("the store is unavailable");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the store is unavailable");

        assertThat(answers.get("v1", "all", () -> make("all"))).hasToString("all");
        assertThat(made).hasValue(1);
    }

    @Test
    void atMostAFixedNumberOfAnswersAreKept() {
        for (int i = 0; i <= 3; i++) {
            String question = "region " + i;
            answers.get("v1", question, () -> make(question));
        }
        answers.get("v1", "region 0", () -> make("region 0"));

        assertThat(made).hasValue(5);
    }

    @Test
    void keepingNothingIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new VersionedAnswers<String, String>(0));
    }

    private StringBuilder make(String answer) {
        made.incrementAndGet();
        return new StringBuilder(answer);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
