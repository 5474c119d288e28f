package io.tributary.connect.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.admin.AdminOptions;
import io.tributary.admin.TributaryAdmin;
import io.tributary.client.ClientOptions;
import io.tributary.common.Header;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.testkit.BlockHoundExtension;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code errors.*}: poisoned records skipped into a dead-letter topic, or failing the task. */
@ExtendWith(BlockHoundExtension.class)
final class ErrorHandlingTest {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .config("group.initial.rebalance.delay.ms", "0")
        .topic("sink-in", 1)
        .topic("sink-in-2", 1)
        .topic("source-out", 1)
        .topic("healthy-out", 1));

    @TempDir
    Path dir;

    private ConnectStandalone connect;

    @BeforeEach
    void start() {
        connect = ConnectStandalone.startNow(ConnectFixture.workerProps(BROKER.bootstrapServers(), dir));
    }

    @AfterEach
    void stop() {
        connect.closeNow();
    }

    private static Map<String, String> tolerateAll(String dlq, Map<String, String> config) {
        Map<String, String> out = new HashMap<>(config);
        out.put("errors.tolerance", "all");
        out.put("errors.log.enable", "true");
        out.put("errors.deadletterqueue.topic.name", dlq);
        out.put("errors.deadletterqueue.topic.replication.factor", "1");
        out.put("errors.deadletterqueue.context.headers.enable", "true");
        return out;
    }

    private static @Nullable String header(ReceivedRecord<?, ?> record, String key) {
        return record.headers().stream().filter(h -> h.key().equals(key)).findFirst()
            .map(Header::value).map(v -> new String(v, StandardCharsets.UTF_8)).orElse(null);
    }

    @Test
    void sinkSkipsARecordItsTransformRejectsIntoTheDeadLetterTopicWithContextHeaders() {
        ConnectFixture.produce(BROKER.bootstrapServers(), "sink-in", "a", "poison", "b");
        connect.createConnector(tolerateAll("dlq-sink", ConnectFixture.connector("poisoned-sink",
            TestSinkPlugins.RecordingSinkConnector.class, "topics", "sink-in", "transforms", "poison",
            "transforms.poison.type", TestPlugins.PoisonTransform.class.getName()))).block(ConnectFixture.WAIT);

        await().atMost(ConnectFixture.WAIT).until(() -> TestSinkPlugins.RECEIVED.getOrDefault("poisoned-sink",
            List.of()).size() >= 2);
        assertThat(TestSinkPlugins.RECEIVED.get("poisoned-sink")).containsExactly("a", "b");
        ReceivedRecord<String, String> dead = ConnectFixture.read(BROKER.bootstrapServers(), "dlq-sink", 1).get(0);
        assertThat(dead.value()).isEqualTo("poison");
        assertThat(header(dead, "__connect.errors.topic")).isEqualTo("sink-in");
        assertThat(header(dead, "__connect.errors.partition")).isEqualTo("0");
        assertThat(header(dead, "__connect.errors.offset")).isEqualTo("1");
        assertThat(header(dead, "__connect.errors.connector.name")).isEqualTo("poisoned-sink");
        assertThat(header(dead, "__connect.errors.task.id")).isEqualTo("0");
        assertThat(header(dead, "__connect.errors.stage")).isEqualTo("TRANSFORMATION");
        assertThat(header(dead, "__connect.errors.class.name")).isEqualTo(TestPlugins.PoisonTransform.class.getName());
        assertThat(header(dead, "__connect.errors.exception.class.name"))
            .isEqualTo("io.tributary.connect.errors.DataException");
        assertThat(header(dead, "__connect.errors.exception.message")).isEqualTo("poisoned record");
        assertThat(header(dead, "__connect.errors.exception.stacktrace")).contains("PoisonTransform.apply");
        ConnectFixture.awaitStates(connect, "poisoned-sink", ConnectorStatus.Value.RUNNING,
            ConnectorStatus.Value.RUNNING);
    }

    @Test
    void sinkSkipsARecordItsConverterCannotReadIntoTheDeadLetterTopic() {
        ConnectFixture.produce(BROKER.bootstrapServers(), "sink-in-2", "c", "poison", "d");
        connect.createConnector(tolerateAll("dlq-convert", ConnectFixture.connector("unreadable-sink",
            TestSinkPlugins.RecordingSinkConnector.class, "topics", "sink-in-2",
            "value.converter", TestPlugins.PoisonConverter.class.getName()))).block(ConnectFixture.WAIT);

        await().atMost(ConnectFixture.WAIT).until(() -> TestSinkPlugins.RECEIVED.getOrDefault("unreadable-sink",
            List.of()).size() >= 2);
        assertThat(TestSinkPlugins.RECEIVED.get("unreadable-sink")).containsExactly("c", "d");
        ReceivedRecord<String, String> dead = ConnectFixture.read(BROKER.bootstrapServers(), "dlq-convert", 1).get(0);
        assertThat(dead.value()).isEqualTo("poison");
        assertThat(header(dead, "__connect.errors.stage")).isEqualTo("VALUE_CONVERTER");
        assertThat(header(dead, "__connect.errors.class.name")).isEqualTo(TestPlugins.PoisonConverter.class.getName());
    }

    @Test
    void sourceSkipsARecordItsTransformRejectsIntoTheDeadLetterTopic() {
        connect.createConnector(tolerateAll("dlq-source", ConnectFixture.connector("poisoned-source",
            TestPlugins.ListSourceConnector.class, "topic", "source-out", "values", "x,poison,y",
            "transforms", "poison", "transforms.poison.type", TestPlugins.PoisonTransform.class.getName())))
            .block(ConnectFixture.WAIT);

        assertThat(ConnectFixture.values(BROKER.bootstrapServers(), "source-out", 2)).containsExactly("x", "y");
        ReceivedRecord<String, String> dead = ConnectFixture.read(BROKER.bootstrapServers(), "dlq-source", 1).get(0);
        assertThat(dead.value()).isEqualTo("poison");
        assertThat(header(dead, "__connect.errors.topic")).isEqualTo("source-out");
        assertThat(header(dead, "__connect.errors.connector.name")).isEqualTo("poisoned-source");
        assertThat(header(dead, "__connect.errors.stage")).isEqualTo("TRANSFORMATION");
        assertThat(header(dead, "__connect.errors.exception.message")).isEqualTo("poisoned record");
        assertThat(header(dead, "__connect.errors.offset")).isNull();   // a source record has no Kafka offset yet
        // The skipped record's offset is committed with the others: a restart does not read it again.
        await().atMost(ConnectFixture.WAIT).until(() -> connect.herder().offsets("poisoned-source")
            .block(ConnectFixture.WAIT).offsets().stream().anyMatch(o -> o.offset() != null
                && ((Number) o.offset().get("index")).intValue() == 2));
    }

    @Test
    void withoutToleranceAPoisonedRecordFailsTheTaskWhileTheWorkerServesOthers() {
        connect.createConnector(ConnectFixture.connector("intolerant", TestPlugins.ListSourceConnector.class,
            "topic", "source-out", "values", "poison", "transforms", "poison",
            "transforms.poison.type", TestPlugins.PoisonTransform.class.getName())).block(ConnectFixture.WAIT);
        connect.createConnector(ConnectFixture.connector("healthy", TestPlugins.ListSourceConnector.class,
            "topic", "healthy-out", "values", "fine")).block(ConnectFixture.WAIT);

        ConnectorStatus failed = ConnectFixture.awaitStates(connect, "intolerant", ConnectorStatus.Value.RUNNING,
            ConnectorStatus.Value.FAILED);
        assertThat(failed.tasks().get(0).trace())
            .contains("ToleranceExceededException: Tolerance exceeded in error handler")
            .contains("poisoned record");
        assertThat(ConnectFixture.values(BROKER.bootstrapServers(), "healthy-out", 1)).containsExactly("fine");
        ConnectFixture.awaitStates(connect, "healthy", ConnectorStatus.Value.RUNNING, ConnectorStatus.Value.RUNNING);
    }

    @Test
    void aFailedSinkTaskLeavesItsConsumerGroupAtOnce() {
        ConnectFixture.produce(BROKER.bootstrapServers(), "fail-in", "poison");
        connect.createConnector(ConnectFixture.connector("failing-sink", TestSinkPlugins.RecordingSinkConnector.class,
            "topics", "fail-in", "transforms", "poison",
            "transforms.poison.type", TestPlugins.PoisonTransform.class.getName())).block(ConnectFixture.WAIT);
        ConnectFixture.awaitStates(connect, "failing-sink", ConnectorStatus.Value.RUNNING,
            ConnectorStatus.Value.FAILED);

        // The consumer leaves as the task closes, not after the shutdown time-out or its session.
        TributaryAdmin admin = TributaryAdmin.create(AdminOptions.create(ClientOptions.create(
            BROKER.bootstrapServers())));
        try {
            await().atMost(Duration.ofSeconds(3)).until(() -> admin.describeGroups(List.of("connect-failing-sink"))
                .block(ConnectFixture.WAIT).get("connect-failing-sink").members().isEmpty());
        } finally {
            admin.close().block(ConnectFixture.WAIT);
        }
    }
}
