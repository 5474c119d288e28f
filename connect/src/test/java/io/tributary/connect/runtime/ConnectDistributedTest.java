package io.tributary.connect.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.admin.AdminOptions;
import io.tributary.admin.NewTopic;
import io.tributary.admin.TributaryAdmin;
import io.tributary.client.ClientOptions;
import io.tributary.common.TopicPartition;
import io.tributary.connect.internal.herder.ConnectorStatus;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.consumer.TributaryConsumer;
import io.tributary.serdes.Serdes;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

/** Three distributed workers in this JVM share a connector's tasks, and take over those of a crashed worker. */
final class ConnectDistributedTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .config("group.initial.rebalance.delay.ms", "0")
        .config("group.min.session.timeout.ms", "1000"));

    private final String cluster = "connect-" + UUID.randomUUID();
    private final List<ConnectDistributed> workers = new ArrayList<>();

    @AfterEach
    void stopAll() {
        workers.forEach(ConnectDistributed::closeNow);
    }

    private ConnectDistributed worker() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", BROKER.bootstrapServers());
        props.put("group.id", cluster);
        props.put("config.storage.topic", cluster + "-configs");
        props.put("offset.storage.topic", cluster + "-offsets");
        props.put("status.storage.topic", cluster + "-status");
        props.put("key.converter", "StringConverter");
        props.put("value.converter", "StringConverter");
        props.put("offset.flush.interval.ms", "200");
        props.put("session.timeout.ms", "3000");
        props.put("heartbeat.interval.ms", "300");
        props.put("scheduled.rebalance.max.delay.ms", "0");
        props.put("listeners", "http://localhost:0");
        ConnectDistributed worker = ConnectDistributed.startNow(props);
        workers.add(worker);
        return worker;
    }

    private static HttpResponse<String> http(String method, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ConnectorStatus status(ConnectDistributed worker, String name) {
        return worker.herder().connectorStatus(name).block(WAIT);
    }

    /** Waits until the connector and its {@code tasks} tasks run, and returns the workers running the tasks. */
    private static Set<String> awaitRunning(ConnectDistributed worker, String name, int tasks) {
        await().atMost(WAIT).until(() -> {
            ConnectorStatus s = status(worker, name);
            return s.connector().state() == ConnectorStatus.Value.RUNNING && s.tasks().size() == tasks
                && s.tasks().stream().allMatch(t -> t.state() == ConnectorStatus.Value.RUNNING);
        });
        return status(worker, name).tasks().stream().map(ConnectorStatus.TaskState::workerId)
            .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void workersShareTasksAndTakeOverACrashedWorkersTasksWithoutLosingRecords() throws Exception {
        ConnectDistributed first = worker();
        ConnectDistributed second = worker();
        ConnectDistributed third = worker();
        String topic = cluster + "-numbers";
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
        workers.remove(first);

        // After the 3 s session time-out the group moves the crashed worker's task to the others.
        await().atMost(WAIT).until(() -> {
            ConnectorStatus s = status(second, "numbers");
            return s.tasks().size() == 3 && s.tasks().stream().allMatch(t -> t.state() == ConnectorStatus.Value
                .RUNNING && !t.workerId().equals(crashedId));
        });
        Mono.delay(Duration.ofMillis(500)).block();

        // Every task's numbers are gapless from 0: the task that moved resumed from its committed offset.
        Map<String, TreeSet<Long>> seen = readAll(topic);
        assertThat(seen.keySet()).containsExactlyInAnyOrder("task-0", "task-1", "task-2");
        seen.forEach((task, numbers) -> {
            assertThat(numbers.first()).as(task).isZero();
            assertThat(numbers.last() + 1).as("%s has gaps", task).isEqualTo(numbers.size());
        });
        assertThat(owners).isNotEmpty();
    }

    private static Map<String, TreeSet<Long>> readAll(String topic) {
        TributaryConsumer<String, String> consumer = TributaryConsumer.create(ConsumerOptions
            .create(ClientOptions.create(BROKER.bootstrapServers()), Serdes.string().deserializer(),
                Serdes.string().deserializer())
            .assignment(List.of(new TopicPartition(topic, 0)))
            .offsetReset(OffsetReset.EARLIEST));
        Map<String, TreeSet<Long>> out = new TreeMap<>();
        try {
            consumer.receive()
                .take(Duration.ofSeconds(3))
                .map(ReceivedRecord::value)
                .doOnNext(v -> {
                    String[] parts = v.split(":");
                    out.computeIfAbsent(parts[0], t -> new TreeSet<>()).add(Long.parseLong(parts[1]));
                })
                .blockLast(WAIT);
        } finally {
            consumer.close().block(WAIT);
        }
        return out;
    }
}
