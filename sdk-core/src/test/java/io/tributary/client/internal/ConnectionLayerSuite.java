package io.tributary.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.client.ClientOptions;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.MetadataRequest;
import io.tributary.protocol.message.MetadataResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The connection layer against a real broker; run against Tributary and Apache Kafka by the subclasses. */
abstract class ConnectionLayerSuite {
    private ClientRuntime runtime;

    abstract String bootstrapServers();

    @BeforeEach
    void start() {
        runtime = new ClientRuntime(ClientOptions.create(bootstrapServers()).clientId("connection-suite"));
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void negotiatesTheHighestCommonVersionOnConnect() {
        StepVerifier.create(runtime.anyConnection())
            .assertNext(c -> {
                assertThat(c.versions().version(ApiKey.METADATA)).isBetween((short) 9, (short) 13);
                assertThat(c.versions().version(ApiKey.PRODUCE)).isEqualTo((short) 12);
            })
            .verifyComplete();
    }

    @Test
    void pipelinesManyRequestsOnOneConnectionAndMatchesEveryResponse() {
        StepVerifier.create(runtime.anyConnection()
                .flatMapMany(c -> Flux.range(0, 200)
                    .flatMap(i -> c.send(new MetadataRequest().topics(List.of()), MetadataResponse.class), 200))
                .map(r -> r.brokers().size())
                .count())
            .expectNext(200L)
            .verifyComplete();
    }

    @Test
    void autoCreatesTopicsThroughMetadataAndCachesTheLeader() {
        String topic = "auto-" + UUID.randomUUID();
        StepVerifier.create(Mono.defer(() -> runtime.refreshMetadata(List.of(topic), true))
                .filter(view -> view.topic(topic).error() == ErrorCode.NONE
                    && view.topic(topic).partitions().stream().allMatch(p -> p.leader() >= 0))
                .repeatWhenEmpty(50, attempts -> attempts.delayElements(Duration.ofMillis(100))))
            .assertNext(view -> {
                assertThat(view.topic(topic).partitionCount()).isEqualTo(1);
                assertThat(view.nodes()).containsKey(view.topic(topic).partitions().get(0).leader());
            })
            .expectComplete()
            .verify(Duration.ofSeconds(30));
    }

    @Test
    void findsTheGroupCoordinator() {
        StepVerifier.create(runtime.coordinator(ClientRuntime.GROUP, "suite-group"))
            .assertNext(node -> assertThat(node.port()).isPositive())
            .expectComplete()
            .verify(Duration.ofSeconds(30));
    }
}
