package io.tributary.connect.runtime;

import static io.tributary.connect.runtime.DistributedWorkers.awaitRunning;
import static io.tributary.connect.runtime.DistributedWorkers.http;
import static io.tributary.connect.runtime.DistributedWorkers.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.admin.AdminOptions;
import io.tributary.admin.NewTopic;
import io.tributary.admin.TributaryAdmin;
import io.tributary.client.ClientOptions;
import io.tributary.consumer.IsolationLevel;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

/** Three distributed workers in this JVM share a connector's tasks, and take over those of a crashed worker. */
final class ConnectDistributedTest {
    private static final Duration WAIT = DistributedWorkers.WAIT;

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .config("group.initial.rebalance.delay.ms", "0")
        .config("group.min.session.timeout.ms", "1000"));

    private final DistributedWorkers cluster = new DistributedWorkers(BROKER.bootstrapServers(), Map.of());

    @AfterEach
    void stopAll() {
        cluster.close();
    }

    @Test
    void workersShareTasksAndTakeOverACrashedWorkersTasksWithoutLosingRecords() throws Exception {
        ConnectDistributed first = cluster.start();
        ConnectDistributed second = cluster.start();
        ConnectDistributed third = cluster.start();
        String topic = cluster.cluster() + "-numbers";
        TributaryAdmin admin = TributaryAdmin.create(AdminOptions.create(ClientOptions.create(
            BROKER.bootstrapServers())));
        admin.createTopics(List.of(NewTopic.of(topic, 1))).block(WAIT);
        admin.close().block(WAIT);

        HttpResponse<String> created = http("POST", first.restUrl() + "connectors", "{\"name\": \"numbers\", "
            + "\"config\": {\"connector.class\": \"" + SequenceSource.class.getName() + "\", \"tasks.max\": \"3\", "
            + "\"topic\": \"" + topic + "\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        // Any worker answers for the whole cluster; the three tasks spread over the three workers.
        Set<String> owners = awaitRunning(third, "numbers", 3);
        await().atMost(WAIT).until(() -> awaitRunning(second, "numbers", 3).size() == 3);
        HttpResponse<String> listed = http("GET", second.restUrl() + "connectors", null);
        assertThat(listed.body()).isEqualTo("[\"numbers\"]");

        Mono.delay(Duration.ofMillis(500)).block();
        String crashedId = first.herder().workerId();
        first.crash().block(WAIT);
        cluster.forget(first);

        // After the 3 s session time-out the group moves the crashed worker's task to the others.
        await().atMost(WAIT).until(() -> {
            ConnectorStatus s = status(second, "numbers");
            return s.tasks().size() == 3 && s.tasks().stream().allMatch(t -> t.state() == ConnectorStatus.Value
                .RUNNING && !t.workerId().equals(crashedId));
        });
        Mono.delay(Duration.ofMillis(500)).block();

        // Every task's numbers are gapless from 0: the task that moved resumed from its committed offset.
        Map<String, TreeSet<Long>> seen = new TreeMap<>();
        for (String v : cluster.values(topic, IsolationLevel.READ_UNCOMMITTED)) {
            String[] parts = v.split(":");
            seen.computeIfAbsent(parts[0], t -> new TreeSet<>()).add(Long.parseLong(parts[1]));
        }
        assertThat(seen.keySet()).containsExactlyInAnyOrder("task-0", "task-1", "task-2");
        seen.forEach((task, numbers) -> {
            assertThat(numbers.first()).as(task).isZero();
            assertThat(numbers.last() + 1).as("%s has gaps", task).isEqualTo(numbers.size());
        });
        assertThat(owners).isNotEmpty();
    }
}
