package io.tributary.connect.internal.rest;

import static io.tributary.connect.internal.rest.RestFixture.kafkaJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.runtime.ConnectorStatus;
import io.tributary.connect.runtime.ConnectorType;
import io.tributary.connect.internal.herder.TaskInfo;
import io.tributary.testkit.BlockHoundExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BlockHoundExtension.class)
final class ConnectorTasksResourceTest {
    private final FakeHerder herder = new FakeHerder();
    private RestFixture rest;

    @BeforeEach
    void start() {
        rest = RestFixture.start(herder);
    }

    @AfterEach
    void stop() {
        rest.close();
    }

    @Test
    void listsTaskConfigsWithKafkasTaskIdShape() {
        herder.addConnector("a", ConnectorType.SOURCE, 2);
        List<TaskInfo> tasks = herder.taskConfigs("a").block();

        RestFixture.Reply reply = rest.get("/connectors/a/tasks");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(kafkaJson(tasks.stream().map(KafkaEntities::taskInfo).toList()));
        assertThat(reply.json().get(1).get("id").get("task").asInt()).isEqualTo(1);
        assertThat(rest.get("/connectors/b/tasks").status()).isEqualTo(404);
    }

    @Test
    void readsOneTasksStatus() {
        herder.addConnector("a", ConnectorType.SOURCE, 2);
        ConnectorStatus.TaskState second = herder.statuses.get("a").tasks().get(1);

        RestFixture.Reply reply = rest.get("/connectors/a/tasks/1/status");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(kafkaJson(KafkaEntities.taskState(second)));
        assertThat(herder.calls).contains("taskStatus a-1");
    }

    @Test
    void unknownOrNonNumericTasksAnswer404() {
        herder.addConnector("a", ConnectorType.SOURCE, 1);

        RestFixture.Reply unknown = rest.get("/connectors/a/tasks/7/status");
        RestFixture.Reply notANumber = rest.get("/connectors/a/tasks/x/status");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json()).isEqualTo(kafkaJson(KafkaEntities.error(404, "Task a-7 not found")));
        assertThat(notANumber.status()).isEqualTo(404);
        assertThat(rest.send("POST", "/connectors/a/tasks/x/restart").status()).isEqualTo(404);
    }

    @Test
    void restartsATaskWith204() {
        herder.addConnector("a", ConnectorType.SOURCE, 2);

        RestFixture.Reply reply = rest.send("POST", "/connectors/a/tasks/1/restart");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.body()).isEmpty();
        assertThat(herder.calls).contains("restartTask a-1");
        assertThat(rest.send("POST", "/connectors/a/tasks/9/restart").status()).isEqualTo(404);
    }
}
