package io.tributary.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class StreamsOptionsTest {
    @Test
    void kafkaStreamsPropertyNamesMapOntoTheTypedOptions() {
        StreamsOptions options = StreamsOptions.fromProperties(Map.of(
            "application.id", "app",
            "bootstrap.servers", "a:1,b:2",
            "processing.guarantee", "at_least_once",
            "commit.interval.ms", "250",
            "replication.factor", 3,
            "statestore.cache.max.bytes", "0",
            "default.deserialization.exception.handler",
            "org.apache.kafka.streams.errors.LogAndContinueExceptionHandler",
            "errors.dead.letter.queue.topic.name", "app-dlt",
            "tributary.allow.generated.names", "true",
            "num.standby.replicas", "2"));
        assertThat(options.applicationId()).isEqualTo("app");
        assertThat(options.client().bootstrapServers()).containsExactly("a:1", "b:2");
        assertThat(options.commitInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(options.replicationFactor()).isEqualTo((short) 3);
        assertThat(options.deserializationErrorHandling()).isEqualTo(ErrorHandling.LOG_AND_CONTINUE);
        assertThat(options.processingErrorHandling()).isEqualTo(ErrorHandling.FAIL);
        assertThat(options.allowGeneratedNames()).isTrue();
        assertThat(options.deadLetterTopic()).isEqualTo("app-dlt");
        assertThat(options.cacheMaxBytes()).isZero();
        assertThat(options.numStandbyReplicas()).isEqualTo(2);
        assertThat(StreamsOptions.fromProperties(Map.of("application.id", "app", "bootstrap.servers", "a:1",
            "application.server", "queries.example:8080")).applicationServer())
            .isEqualTo(new HostInfo("queries.example", 8080));
        StreamsOptions failingOverSooner = StreamsOptions.fromProperties(Map.of("application.id", "app",
            "bootstrap.servers", "a:1", "session.timeout.ms", "6000", "processing.guarantee", "exactly_once_v2",
            "commit.interval.ms", "5000"));
        assertThat(failingOverSooner.sessionTimeout()).isEqualTo(Duration.ofSeconds(6));
        assertThat(failingOverSooner.heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(StreamsOptions.create("app", "h:1").heartbeatInterval()).isEqualTo(Duration.ofSeconds(3));
        // A transaction must outlive its commit interval: 10 s, or three intervals when longer.
        assertThat(failingOverSooner.transactionTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(StreamsOptions.create("app", "h:1").processingGuarantee(ProcessingGuarantee.EXACTLY_ONCE_V2)
            .transactionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(StreamsOptions.create("app", "h:1").sessionTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(StreamsOptions.create("app", "h:1").applicationServer()).isNull();
        assertThat(StreamsOptions.create("app", "h:1").numStandbyReplicas()).isZero();
        assertThat(StreamsOptions.create("app", "h:1").cacheMaxBytes()).isEqualTo(10 * 1024 * 1024);
    }

    @Test
    void unknownKeysAndBadValuesAreRejectedNamingTheKey() {
        assertThatThrownBy(() -> StreamsOptions.fromProperties(Map.of("application.id", "a",
            "bootstrap.servers", "h:1", "acceptable.recovery.lag", "1")))
            .hasMessageContaining("acceptable.recovery.lag");
        assertThatThrownBy(() -> StreamsOptions.fromProperties(Map.of("application.id", "a",
            "bootstrap.servers", "h:1", "num.standby.replicas", "-1")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("num.standby.replicas");
        assertThatThrownBy(() -> StreamsOptions.fromProperties(Map.of("application.id", "a",
            "bootstrap.servers", "h:1", "processing.guarantee", "exactly_once")))
            .hasMessageContaining("processing.guarantee");
        assertThatThrownBy(() -> StreamsOptions.fromProperties(Map.of("application.id", "a",
            "bootstrap.servers", "h:1", "application.server", "no-port")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("application.server")
            .hasMessageContaining("no-port");
        assertThatThrownBy(() -> StreamsOptions.create("a", "h:1").applicationServer("h:70000"))
            .hasMessageContaining("70000");
        assertThatThrownBy(() -> StreamsOptions.fromProperties(Map.of("bootstrap.servers", "h:1")))
            .hasMessageContaining("application.id is required");
        assertThatThrownBy(() -> StreamsOptions.fromProperties(Map.of("application.id", "a",
            "bootstrap.servers", "h:1", "errors.dead.letter.queue.topic.name", "no spaces")))
            .hasMessageContaining("no spaces");
        // A session of 0 ms would expire at once: refused, naming the key, whichever way it is given.
        assertThatThrownBy(() -> StreamsOptions.fromProperties(Map.of("application.id", "a",
            "bootstrap.servers", "h:1", "session.timeout.ms", "0")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("session.timeout.ms");
        assertThatThrownBy(() -> StreamsOptions.create("a", "h:1").sessionTimeout(Duration.ofSeconds(-1)))
            .hasMessageContaining("session.timeout.ms");
    }

    @Test
    void settersReturnCopiesSoOptionsCanBeSharedTemplates() {
        StreamsOptions base = StreamsOptions.create("app", "h:1");
        StreamsOptions changed = base.commitInterval(Duration.ofSeconds(1));
        assertThat(base.commitInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(changed.commitInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void exactlyOnceCommitsEvery100MillisecondsUnlessAnIntervalIsGiven() {
        StreamsOptions eos = StreamsOptions.create("app", "h:1")
            .processingGuarantee(ProcessingGuarantee.EXACTLY_ONCE_V2);
        assertThat(eos.commitInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(eos.commitInterval(Duration.ofSeconds(2)).commitInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(StreamsOptions.fromProperties(Map.of("application.id", "app", "bootstrap.servers", "h:1",
            "processing.guarantee", "exactly_once_v2")).commitInterval()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void anApplicationIdMustBeUsableInTopicNames() {
        assertThatThrownBy(() -> StreamsOptions.create("my app", "h:1"))
            .hasMessageContaining("applicationId 'my app'");
    }
}
