package io.tributary.connect.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.connect.internal.herder.ConnectRestException;
import io.tributary.connect.internal.herder.ConnectorOffsets;
import io.tributary.connect.internal.herder.Herder;
import io.tributary.connect.internal.herder.RestartRequest;
import io.tributary.connect.internal.herder.TargetState;
import io.tributary.testkit.BlockHoundExtension;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Statuses, restarts, target states, validation and offsets of a standalone worker. */
@ExtendWith(BlockHoundExtension.class)
final class LifecycleTest {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .config("group.initial.rebalance.delay.ms", "0")
        .topic("list-out", 1)
        .topic("restart-out", 1)
        .topic("pause-in", 1));

    @TempDir
    Path dir;

    private ConnectStandalone connect;
    private Herder herder;

    @BeforeEach
    void start() {
        Map<String, String> props = new java.util.HashMap<>(ConnectFixture.workerProps(BROKER.bootstrapServers(),
            dir));
        props.put("listeners", "http://localhost:0");
        connect = ConnectStandalone.startNow(props);
        herder = connect.herder();
    }

    @AfterEach
    void stop() {
        connect.closeNow();
    }

    @Test
    void aConnectorThatThrowsOnStartIsFailedWithItsTraceAndTheWorkerGoesOn() {
        connect.createConnector(ConnectFixture.connector("broken", TestPlugins.FailingStartConnector.class))
            .block(ConnectFixture.WAIT);
        ConnectorStatus status = ConnectFixture.awaitStates(connect, "broken", ConnectorStatus.Value.FAILED);
        assertThat(status.connector().trace()).contains("IllegalStateException: boom at start");
        assertThat(connect.restUrl()).startsWith("http://localhost:");
        assertThat(status.connector().workerId()).isEqualTo(connect.restUrl().substring(7,
            connect.restUrl().length() - 1));

        connect.createConnector(ConnectFixture.connector("fine", TestPlugins.ListSourceConnector.class,
            "topic", "list-out", "values", "v")).block(ConnectFixture.WAIT);
        ConnectFixture.awaitStates(connect, "fine", ConnectorStatus.Value.RUNNING, ConnectorStatus.Value.RUNNING);
        assertThat(herder.connectors().block(ConnectFixture.WAIT)).containsExactly("broken", "fine");
    }

    @Test
    void restartsOnlyWhatTheRequestSelects() {
        connect.createConnector(ConnectFixture.connector("flaky", TestPlugins.ListSourceConnector.class,
            "topic", "restart-out", "values", "poison", "transforms", "p",
            "transforms.p.type", TestPlugins.PoisonTransform.class.getName())).block(ConnectFixture.WAIT);
        ConnectFixture.awaitStates(connect, "flaky", ConnectorStatus.Value.RUNNING, ConnectorStatus.Value.FAILED);

        ConnectorStatus onlyFailed = herder.restart(new RestartRequest("flaky", true, true))
            .block(ConnectFixture.WAIT);
        assertThat(onlyFailed.connector().state()).isEqualTo(ConnectorStatus.Value.RUNNING);
        assertThat(onlyFailed.tasks()).extracting(ConnectorStatus.TaskState::state)
            .containsExactly(ConnectorStatus.Value.RESTARTING);
        ConnectFixture.awaitStates(connect, "flaky", ConnectorStatus.Value.RUNNING, ConnectorStatus.Value.FAILED);

        ConnectorStatus connectorOnly = herder.restart(new RestartRequest("flaky", false, false))
            .block(ConnectFixture.WAIT);
        assertThat(connectorOnly.connector().state()).isEqualTo(ConnectorStatus.Value.RESTARTING);
        assertThat(connectorOnly.tasks()).extracting(ConnectorStatus.TaskState::state)
            .containsExactly(ConnectorStatus.Value.FAILED);

        ConnectorStatus nothingFailed = herder.restart(new RestartRequest("flaky", true, false))
            .block(ConnectFixture.WAIT);
        assertThat(nothingFailed.connector().state()).isNotEqualTo(ConnectorStatus.Value.RESTARTING);
        ConnectFixture.awaitStates(connect, "flaky", ConnectorStatus.Value.RUNNING, ConnectorStatus.Value.FAILED);

        assertThatThrownBy(() -> herder.restart(new RestartRequest("nobody", false, false))
            .block(ConnectFixture.WAIT))
            .isInstanceOfSatisfying(ConnectRestException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void pausesResumesAndStopsAConnector() {
        ConnectFixture.produce(BROKER.bootstrapServers(), "pause-in", "1", "2");
        connect.createConnector(ConnectFixture.connector("pausable", TestSinkPlugins.RecordingSinkConnector.class,
            "topics", "pause-in")).block(ConnectFixture.WAIT);
        await().atMost(ConnectFixture.WAIT).until(() -> TestSinkPlugins.RECEIVED.getOrDefault("pausable", List.of())
            .size() == 2);

        assertThat(TestSinkPlugins.INSTANCE_RUNNING).containsEntry("pausable", true);

        // Paused, the connector's instance is stopped (as Kafka Connect stops it) and its tasks hold still.
        herder.targetState("pausable", TargetState.PAUSED).block(ConnectFixture.WAIT);
        ConnectFixture.awaitStates(connect, "pausable", ConnectorStatus.Value.PAUSED, ConnectorStatus.Value.PAUSED);
        assertThat(TestSinkPlugins.INSTANCE_RUNNING).containsEntry("pausable", false);
        ConnectFixture.produce(BROKER.bootstrapServers(), "pause-in", "3");
        await().pollDelay(java.time.Duration.ofMillis(500)).atMost(ConnectFixture.WAIT).until(() -> true);
        assertThat(TestSinkPlugins.RECEIVED.get("pausable")).containsExactly("1", "2");

        herder.targetState("pausable", TargetState.STARTED).block(ConnectFixture.WAIT);
        ConnectFixture.awaitStates(connect, "pausable", ConnectorStatus.Value.RUNNING, ConnectorStatus.Value.RUNNING);
        assertThat(TestSinkPlugins.INSTANCE_RUNNING).containsEntry("pausable", true);
        await().atMost(ConnectFixture.WAIT).until(() -> TestSinkPlugins.RECEIVED.get("pausable").size() == 3);

        herder.targetState("pausable", TargetState.STOPPED).block(ConnectFixture.WAIT);
        ConnectFixture.awaitStates(connect, "pausable", ConnectorStatus.Value.STOPPED);
        assertThat(herder.connectorInfo("pausable").block(ConnectFixture.WAIT).tasks()).isEmpty();
        // Sink offsets live in the connector's group, committed before its tasks stopped.
        assertThat(herder.offsets("pausable").block(ConnectFixture.WAIT).offsets())
            .singleElement()
            .satisfies(o -> assertThat(o.offset()).containsEntry("kafka_offset", 3L));

        herder.alterOffsets("pausable", new ConnectorOffsets(List.of(new ConnectorOffsets.Offset(
            Map.of("kafka_topic", "pause-in", "kafka_partition", 0), Map.of("kafka_offset", 1)))))
            .block(ConnectFixture.WAIT);
        herder.targetState("pausable", TargetState.STARTED).block(ConnectFixture.WAIT);
        await().atMost(ConnectFixture.WAIT).until(() -> TestSinkPlugins.RECEIVED.get("pausable").size() == 5);
        assertThat(TestSinkPlugins.RECEIVED.get("pausable")).containsExactly("1", "2", "3", "2", "3");

        herder.targetState("pausable", TargetState.STOPPED).block(ConnectFixture.WAIT);
        herder.resetOffsets("pausable").block(ConnectFixture.WAIT);
        assertThat(herder.offsets("pausable").block(ConnectFixture.WAIT).offsets()).isEmpty();
        herder.targetState("pausable", TargetState.STARTED).block(ConnectFixture.WAIT);
        await().atMost(ConnectFixture.WAIT).until(() -> TestSinkPlugins.RECEIVED.get("pausable").size() == 8);
    }

    @Test
    void alteredAndResetOffsetsOfAStoppedSourceAreWhereItResumes() {
        List<String> values = IntStream.range(0, 10).mapToObj(i -> "v" + i).toList();
        connect.createConnector(ConnectFixture.connector("listed", TestPlugins.ListSourceConnector.class,
            "topic", "list-out-2", "values", String.join(",", values))).block(ConnectFixture.WAIT);
        assertThat(ConnectFixture.values(BROKER.bootstrapServers(), "list-out-2", 10)).isEqualTo(values);
        await().atMost(ConnectFixture.WAIT).until(() -> index(herder.offsets("listed").block(ConnectFixture.WAIT))
            == 9);

        assertThatThrownBy(() -> herder.resetOffsets("listed").block(ConnectFixture.WAIT))
            .isInstanceOfSatisfying(ConnectRestException.class, e -> assertThat(e.status()).isEqualTo(400));
        herder.targetState("listed", TargetState.STOPPED).block(ConnectFixture.WAIT);
        assertThat(herder.alterOffsets("listed", new ConnectorOffsets(List.of(new ConnectorOffsets.Offset(
            Map.of("list", "listed"), Map.of("index", 6))))).block(ConnectFixture.WAIT)).contains("altered");
        herder.targetState("listed", TargetState.STARTED).block(ConnectFixture.WAIT);
        assertThat(ConnectFixture.values(BROKER.bootstrapServers(), "list-out-2", 13).subList(10, 13))
            .containsExactly("v7", "v8", "v9");

        herder.targetState("listed", TargetState.STOPPED).block(ConnectFixture.WAIT);
        assertThat(herder.resetOffsets("listed").block(ConnectFixture.WAIT)).contains("reset");
        assertThat(herder.offsets("listed").block(ConnectFixture.WAIT).offsets()).isEmpty();
        herder.targetState("listed", TargetState.STARTED).block(ConnectFixture.WAIT);
        assertThat(ConnectFixture.values(BROKER.bootstrapServers(), "list-out-2", 23).subList(13, 23))
            .isEqualTo(values);
    }

    private static int index(ConnectorOffsets offsets) {
        return offsets.offsets().isEmpty() || offsets.offsets().get(0).offset() == null ? -1
            : ((Number) offsets.offsets().get(0).offset().get("index")).intValue();
    }

    @Test
    void refusesAnInvalidConfigurationWithEveryError() {
        assertThatThrownBy(() -> connect.createConnector(ConnectFixture.connector("bad",
            TestSinkPlugins.RecordingSinkConnector.class, "tasks.max", "0", "errors.tolerance", "some"))
            .block(ConnectFixture.WAIT))
            .isInstanceOfSatisfying(ConnectRestException.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.getMessage()).contains("4 error(s)").contains("tasks.max").contains("errors.tolerance")
                    .contains("topics");
            });
        assertThatThrownBy(() -> connect.createConnector(Map.of("name", "ghost", "connector.class", "NoSuch"))
            .block(ConnectFixture.WAIT))
            .isInstanceOfSatisfying(ConnectRestException.class, e -> assertThat(e.getMessage()).contains("NoSuch"));
        assertThat(herder.connectors().block(ConnectFixture.WAIT)).isEmpty();
    }
}
