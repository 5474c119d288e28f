package io.tributary.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.client.ClientOptions;
import io.tributary.client.internal.ClientRuntime;
import io.tributary.errors.ApiException;
import io.tributary.errors.RetriableException;
import io.tributary.protocol.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The per-key retry loop of admin calls, without a broker: attempts record outcomes directly. */
final class KeyedCallTest {
    private final ClientRuntime runtime = new ClientRuntime(ClientOptions.create("localhost:1")
        .retryBackoff(Duration.ofMillis(5))
        .retryBackoffMax(Duration.ofMillis(10))
        .apiTimeout(Duration.ofSeconds(2)));

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void retriesOnlyTheKeysWhoseErrorIsRetriable() {
        List<Set<String>> sent = new ArrayList<>();
        Mono<Map<String, Integer>> call = KeyedCall.run(runtime, "test",
            () -> new KeyedCall<>(List.of("a", "b", "c"), KeyedCall.ANY_RETRIABLE, k -> "key " + k),
            (c, pending) -> Mono.fromRunnable(() -> {
                sent.add(Set.copyOf(pending));
                for (String k : pending) {
                    boolean firstTime = sent.size() == 1;
                    short error = k.equals("b") && firstTime ? ErrorCode.NOT_COORDINATOR.code() : 0;
                    c.answer(k, error, null, k.charAt(0) - 'a');
                }
            }));
        StepVerifier.create(call)
            .assertNext(values -> assertThat(values).containsExactly(Map.entry("a", 0), Map.entry("b", 1),
                Map.entry("c", 2)))
            .expectComplete()
            .verify(Duration.ofSeconds(5));
        assertThat(sent).containsExactly(Set.of("a", "b", "c"), Set.of("b"));
    }

    @Test
    void endsWithTheFirstFinalFailureAndSuppressesTheOthers() {
        AtomicInteger attempts = new AtomicInteger();
        Mono<Map<String, Boolean>> call = KeyedCall.run(runtime, "test",
            () -> new KeyedCall<>(List.of("x", "y", "z"), KeyedCall.UNKNOWN_TOPIC_IS_FINAL, k -> "topic " + k),
            (c, pending) -> Mono.fromRunnable(() -> {
                attempts.incrementAndGet();
                c.answer("x", ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code(), null, null);
                c.answer("y", (short) 0, null, Boolean.TRUE);
                c.answer("z", ErrorCode.TOPIC_ALREADY_EXISTS.code(), "Topic 'z' already exists.", null);
            }));
        StepVerifier.create(call)
            .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(ApiException.class)
                    .hasMessageStartingWith("UNKNOWN_TOPIC_OR_PARTITION on topic x");
                assertThat(e.getSuppressed()).singleElement()
                    .satisfies(s -> assertThat(s).hasMessage("TOPIC_ALREADY_EXISTS on topic z: Topic 'z' already "
                        + "exists."));
            })
            .verify(Duration.ofSeconds(5));
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aKeyTheBrokerNeverMentionsFailsTheCall() {
        Mono<Map<String, Boolean>> call = KeyedCall.run(runtime, "test",
            () -> new KeyedCall<>(List.of("a", "b"), KeyedCall.ANY_RETRIABLE, k -> "group " + k),
            (c, pending) -> Mono.fromRunnable(() -> c.succeed("a", true)));
        StepVerifier.create(call)
            .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("did not mention group b"))
            .verify(Duration.ofSeconds(5));
    }

    @Test
    void aRetriableErrorThatNeverClearsFailsAfterTheApiTimeout() {
        Mono<Map<String, Boolean>> call = KeyedCall.run(runtime, "Stuck call",
            () -> new KeyedCall<>(List.of("a"), KeyedCall.ANY_RETRIABLE, k -> "group " + k),
            (c, pending) -> Mono.fromRunnable(() -> c.requestFailed(pending,
                new RetriableException(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, "still loading"))));
        StepVerifier.create(call)
            .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("Stuck call did not complete within 2000 ms")
                .hasMessageContaining("still loading"))
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void eachSubscriptionStartsAfresh() {
        AtomicInteger attempts = new AtomicInteger();
        Mono<Map<String, Integer>> call = KeyedCall.run(runtime, "test",
            () -> new KeyedCall<>(List.of("a"), KeyedCall.ANY_RETRIABLE, k -> k),
            (c, pending) -> Mono.fromRunnable(() -> c.succeed("a", attempts.incrementAndGet())));
        StepVerifier.create(call).expectNext(Map.of("a", 1)).expectComplete().verify(Duration.ofSeconds(5));
        StepVerifier.create(call).expectNext(Map.of("a", 2)).expectComplete().verify(Duration.ofSeconds(5));
    }
}
