package io.tributary.connect.internal.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.admin.AdminOptions;
import io.tributary.admin.NewTopic;
import io.tributary.admin.TributaryAdmin;
import io.tributary.client.ClientOptions;
import io.tributary.connect.internal.herder.ConnectorTaskId;
import io.tributary.connect.internal.herder.RestartRequest;
import io.tributary.connect.internal.herder.TargetState;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class ConfigTopicStoreTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create();

    private final ClientOptions client = ClientOptions.create(BROKER.bootstrapServers());
    private final TributaryAdmin admin = TributaryAdmin.create(AdminOptions.create(client));
    private final String topic = "configs-" + UUID.randomUUID();
    private final List<ConfigTopicStore.Change> heard = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        admin.close().block(WAIT);
    }

    private ConfigTopicStore started(List<ConfigTopicStore.Change> changes) {
        ConfigTopicStore store = new ConfigTopicStore(client, admin, topic, (short) 1, changes::add);
        store.start().block(WAIT);
        return store;
    }

    @Test
    void configurationsTaskConfigsAndStatesReachEveryWorkerAndSurviveARestart() {
        ConfigTopicStore writer = started(new CopyOnWriteArrayList<>());
        ConfigTopicStore reader = started(heard);

        writer.putConnectorConfig("my-conn", Map.of("connector.class", "X", "tasks.max", "2"), TargetState.PAUSED)
            .block(WAIT);
        writer.putTaskConfigs("my-conn", List.of(Map.of("t", "0"), Map.of("t", "1"))).block(WAIT);
        reader.readToEnd().block(WAIT);
        ConfigTopicStore.Snapshot s = reader.snapshot();
        assertThat(s.connectors()).containsOnlyKeys("my-conn");
        assertThat(s.targetState("my-conn")).isEqualTo(TargetState.PAUSED);
        assertThat(s.tasks().get("my-conn")).containsExactly(Map.of("t", "0"), Map.of("t", "1"));
        assertThat(s.taskCounts()).containsEntry("my-conn", 2);
        assertThat(s.offset()).isEqualTo(5);
        assertThat(heard).containsExactly(
            new ConfigTopicStore.Change.TargetStateChanged("my-conn", TargetState.PAUSED),
            new ConfigTopicStore.Change.ConnectorConfigured("my-conn", true),
            new ConfigTopicStore.Change.TasksCommitted("my-conn", 2));

        writer.requestRestart(new RestartRequest("my-conn", true, true)).block(WAIT);
        writer.requestTaskRestart(new ConnectorTaskId("my-conn", 1)).block(WAIT);
        reader.readToEnd().block(WAIT);
        assertThat(heard).endsWith(
            new ConfigTopicStore.Change.RestartRequested(new RestartRequest("my-conn", true, true)),
            new ConfigTopicStore.Change.TaskRestartRequested(new ConnectorTaskId("my-conn", 1)));
        writer.stop().block(WAIT);
        reader.stop().block(WAIT);

        ConfigTopicStore restarted = started(new CopyOnWriteArrayList<>());
        assertThat(restarted.snapshot().tasks().get("my-conn")).hasSize(2);
        restarted.removeConnector("my-conn").block(WAIT);
        restarted.readToEnd().block(WAIT);
        assertThat(restarted.snapshot().connectors()).isEmpty();
        assertThat(restarted.snapshot().tasks()).isEmpty();
        restarted.stop().block(WAIT);
    }

    @Test
    void taskConfigsWithoutTheirCommitRecordNeverTakeEffect() {
        ConfigTopicStore store = started(heard);
        store.putConnectorConfig("half", Map.of("connector.class", "X"), null).block(WAIT);
        store.putTaskConfigs("half", List.of(Map.of("a", "1"))).block(WAIT);
        // A writer that died between its task records and its commit: the new task records stay pending.
        TopicLog raw = new TopicLog(client, admin, NewTopic.of(topic, 1), r -> { });
        raw.start().block(WAIT);
        raw.send("task-half-0", "{\"properties\":{\"a\":\"2\"}}".getBytes(StandardCharsets.UTF_8)).block(WAIT);
        raw.close().block(WAIT);
        store.readToEnd().block(WAIT);
        assertThat(store.snapshot().tasks().get("half")).containsExactly(Map.of("a", "1"));
        // The next complete write replaces them.
        store.putTaskConfigs("half", List.of(Map.of("a", "3"))).block(WAIT);
        store.readToEnd().block(WAIT);
        assertThat(store.snapshot().tasks().get("half")).containsExactly(Map.of("a", "3"));
        store.stop().block(WAIT);
    }
}
