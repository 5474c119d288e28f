package io.tributary.connect.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.common.Header;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.testkit.BlockHoundExtension;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What tasks may ask of the runtime, and how it copes with their failures and with rebalances. */
@ExtendWith(BlockHoundExtension.class)
final class TaskBehaviourTest {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .config("group.initial.rebalance.delay.ms", "0")
        .topic("flaky-out", 1)
        .topic("rewind-in", 1)
        .topic("shared-in", 2));

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

    @Test
    void aSourceFailingWithARetriableErrorIsSubscribedAgainAfterItsWrittenOffsetsAreCommitted() {
        connect.createConnector(ConnectFixture.connector("flaky-source", TestPlugins.FlakySourceConnector.class,
            "topic", "flaky-out", "values", "a,b,c,d")).block(ConnectFixture.WAIT);
        assertThat(ConnectFixture.values(BROKER.bootstrapServers(), "flaky-out", 4)).containsExactly("a", "b", "c",
            "d");
        assertThat(TestPlugins.SUBSCRIPTIONS.get("flaky-source").get()).isEqualTo(2);
        ConnectFixture.awaitStates(connect, "flaky-source", ConnectorStatus.Value.RUNNING,
            ConnectorStatus.Value.RUNNING);
        assertThat(ConnectFixture.endOffset(BROKER.bootstrapServers(), "flaky-out")).isEqualTo(4);
    }

    @Test
    void aSinkTaskRewindsOnOpenAndReportsRecordsItCannotWrite() {
        ConnectFixture.produce(BROKER.bootstrapServers(), "rewind-in", "skipped", "one", "bad", "two");
        Map<String, String> config = ConnectFixture.connector("rewinding", TestSinkPlugins.RewindingSinkConnector.class,
            "topics", "rewind-in", "errors.tolerance", "all", "errors.deadletterqueue.topic.name", "dlq-put",
            "errors.deadletterqueue.topic.replication.factor", "1",
            "errors.deadletterqueue.context.headers.enable", "true");
        connect.createConnector(config).block(ConnectFixture.WAIT);

        await().atMost(ConnectFixture.WAIT).until(() -> TestSinkPlugins.RECEIVED.getOrDefault("rewinding", List.of())
            .size() >= 2);
        assertThat(TestSinkPlugins.RECEIVED.get("rewinding")).containsExactly("one", "two");
        ReceivedRecord<String, String> dead = ConnectFixture.read(BROKER.bootstrapServers(), "dlq-put", 1).get(0);
        assertThat(dead.value()).isEqualTo("bad");
        assertThat(dead.headers()).filteredOn(h -> h.key().equals("__connect.errors.stage"))
            .extracting(Header::value)
            .containsExactly("TASK_PUT".getBytes(StandardCharsets.UTF_8));
        assertThat(dead.headers()).filteredOn(h -> h.key().equals("__connect.errors.offset"))
            .extracting(Header::value)
            .containsExactly("2".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void twoSinkTasksShareTheTopicAcrossTheirRebalanceWithoutDuplicates() {
        List<String> first = IntStream.range(0, 20).mapToObj(i -> "r" + i).toList();
        ConnectFixture.produce(BROKER.bootstrapServers(), "shared-in", 0, first.subList(0, 10).toArray(String[]::new));
        ConnectFixture.produce(BROKER.bootstrapServers(), "shared-in", 1, first.subList(10, 20).toArray(String[]::new));
        connect.createConnector(ConnectFixture.connector("shared", TestSinkPlugins.RecordingSinkConnector.class,
            "topics", "shared-in", "tasks.max", "2")).block(ConnectFixture.WAIT);
        ConnectFixture.awaitStates(connect, "shared", ConnectorStatus.Value.RUNNING, ConnectorStatus.Value.RUNNING,
            ConnectorStatus.Value.RUNNING);
        await().atMost(ConnectFixture.WAIT).until(() -> TestSinkPlugins.RECEIVED.getOrDefault("shared", List.of())
            .size() >= 20);

        List<String> second = IntStream.range(20, 40).mapToObj(i -> "r" + i).toList();
        ConnectFixture.produce(BROKER.bootstrapServers(), "shared-in", 0, second.subList(0, 10)
            .toArray(String[]::new));
        ConnectFixture.produce(BROKER.bootstrapServers(), "shared-in", 1, second.subList(10, 20)
            .toArray(String[]::new));
        await().atMost(ConnectFixture.WAIT).until(() -> TestSinkPlugins.RECEIVED.get("shared").size() >= 40);
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(TestSinkPlugins.RECEIVED.get("shared")).hasSize(40).containsExactlyInAnyOrderElementsOf(all);
    }
}
