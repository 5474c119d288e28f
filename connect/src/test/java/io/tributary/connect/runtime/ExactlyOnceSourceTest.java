package io.tributary.connect.runtime;

import static io.tributary.connect.runtime.DistributedWorkers.WAIT;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

/**
 * Exactly-once source delivery on distributed workers ({@code exactly.once.source.support=enabled}): records and
 * their source offsets commit together, a zombie task is fenced, connector-defined transactions commit and abort,
 * and connectors that cannot do what their configuration asks are refused.
 */
final class ExactlyOnceSourceTest {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .config("group.initial.rebalance.delay.ms", "0")
        .config("group.min.session.timeout.ms", "1000"));

    private final DistributedWorkers cluster = new DistributedWorkers(BROKER.bootstrapServers(),
        Map.of("exactly.once.source.support", "enabled"));

    @AfterEach
    void stopAll() {
        cluster.close();
    }

    private String topic(String name) {
        String topic = cluster.cluster() + "-" + name;
        TributaryAdmin admin = TributaryAdmin.create(AdminOptions.create(ClientOptions.create(
            BROKER.bootstrapServers())));
        try {
            admin.createTopics(List.of(NewTopic.of(topic, 1))).block(WAIT);
        } finally {
            admin.close().block(WAIT);
        }
        return topic;
    }

    private static HttpResponse<String> create(ConnectDistributed worker, String name, String config)
        throws Exception {
        return http("POST", worker.restUrl() + "connectors", "{\"name\": \"" + name + "\", \"config\": {" + config
            + "}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"poll", "interval"})
    void aZombieTaskIsFencedAndEveryNumberIsCommittedExactlyOnce(String boundary) throws Exception {
        ConnectDistributed first = cluster.start();
        ConnectDistributed second = cluster.start();
        String topic = topic("numbers");
        HttpResponse<String> created = create(first, "numbers", "\"connector.class\": \""
            + SequenceSource.class.getName() + "\", \"tasks.max\": \"2\", \"topic\": \"" + topic + "\", "
            + "\"exactly.once.support\": \"required\", \"transaction.boundary\": \"" + boundary + "\", "
            + "\"transaction.boundary.interval.ms\": \"100\"");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        await().atMost(WAIT).until(() -> awaitRunning(second, "numbers", 2).size() == 2);
        Mono.delay(Duration.ofMillis(500)).block();

        // The first worker is cut off from the group, but its task goes on writing: a zombie. After the session
        // time-out its task starts on the second worker, whose producer fences the zombie's.
        String isolatedId = first.herder().workerId();
        first.isolate().block(WAIT);
        await().atMost(WAIT).until(() -> {
            ConnectorStatus s = status(second, "numbers");
            return s.tasks().size() == 2 && s.tasks().stream().allMatch(t -> t.state() == ConnectorStatus.Value
                .RUNNING && !t.workerId().equals(isolatedId));
        });
        Mono.delay(Duration.ofMillis(1_000)).block();
        cluster.close();

        // Read committed, every task's numbers come once each, from 0 without gaps.
        Map<String, List<Long>> seen = new TreeMap<>();
        for (String v : cluster.values(topic, IsolationLevel.READ_COMMITTED)) {
            String[] parts = v.split(":");
            seen.computeIfAbsent(parts[0], t -> new ArrayList<>()).add(Long.parseLong(parts[1]));
        }
        assertThat(seen.keySet()).containsExactly("task-0", "task-1");
        seen.forEach((task, numbers) -> assertThat(numbers).as(task)
            .isEqualTo(IntStream.range(0, numbers.size()).mapToObj(i -> (long) i).toList()));
    }

    @Test
    void aTaskCommitsAndAbortsItsOwnTransactionsAndResumesAfterTheLastCommittedOne() throws Exception {
        ConnectDistributed worker = cluster.start();
        String topic = topic("bounded");
        HttpResponse<String> created = create(worker, "bounded", "\"connector.class\": \""
            + BoundarySource.class.getName() + "\", \"topic\": \"" + topic + "\", "
            + "\"exactly.once.support\": \"required\", \"transaction.boundary\": \"connector\"");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        awaitRunning(worker, "bounded", 1);

        List<String> expected = IntStream.range(0, BoundarySource.COUNT).filter(BoundarySource::commits)
            .mapToObj(Integer::toString).toList();
        await().atMost(WAIT).until(() -> cluster.values(topic, IsolationLevel.READ_COMMITTED).size()
            >= expected.size());
        assertThat(cluster.values(topic, IsolationLevel.READ_COMMITTED)).isEqualTo(expected);
        // The aborted records reached the log but no committed reader.
        assertThat(cluster.values(topic, IsolationLevel.READ_UNCOMMITTED)).hasSize(BoundarySource.COUNT);
        // The committed offset is the one of the last committed transaction (numbers 90 to 94).
        HttpResponse<String> offsets = http("GET", worker.restUrl() + "connectors/bounded/offsets", null);
        assertThat(offsets.body()).contains("\"offset\":{\"next\":95}");
    }

    @Test
    void aRetriableFailureAbortsTheOpenTransactionAndTheTaskResumesAfterTheCommittedOffsets() throws Exception {
        ConnectDistributed worker = cluster.start();
        String topic = topic("flaky");
        // The first subscription fails after two records, inside a transaction that would last 3 s.
        HttpResponse<String> created = create(worker, "flaky", "\"connector.class\": \""
            + TestPlugins.FlakySourceConnector.class.getName() + "\", \"topic\": \"" + topic + "\", "
            + "\"values\": \"v1,v2,v3,v4,v5\", \"transaction.boundary\": \"interval\", "
            + "\"transaction.boundary.interval.ms\": \"3000\"");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        awaitRunning(worker, "flaky", 1);
        await().atMost(WAIT).until(() -> cluster.values(topic, IsolationLevel.READ_COMMITTED).size() >= 5);

        assertThat(cluster.values(topic, IsolationLevel.READ_COMMITTED)).containsExactly("v1", "v2", "v3", "v4",
            "v5");
        assertThat(TestPlugins.SUBSCRIPTIONS.get("flaky").get()).isEqualTo(2);
    }

    @Test
    void connectorsThatCannotDoWhatTheirConfigurationAsksAreRefused() throws Exception {
        ConnectDistributed worker = cluster.start();
        HttpResponse<String> unsupported = create(worker, "unsupported", "\"connector.class\": \""
            + TestPlugins.ListSourceConnector.class.getName() + "\", \"exactly.once.support\": \"required\"");
        assertThat(unsupported.statusCode()).isEqualTo(400);
        assertThat(unsupported.body()).contains("exactly.once.support")
            .contains("does not support exactly-once delivery");

        HttpResponse<String> boundaries = create(worker, "boundaries", "\"connector.class\": \""
            + SequenceSource.class.getName() + "\", \"topic\": \"t\", \"transaction.boundary\": \"connector\"");
        assertThat(boundaries.statusCode()).isEqualTo(400);
        assertThat(boundaries.body()).contains("transaction.boundary")
            .contains("does not define transaction boundaries");

        HttpResponse<String> invalid = create(worker, "invalid", "\"connector.class\": \""
            + SequenceSource.class.getName() + "\", \"topic\": \"t\", \"transaction.boundary\": \"sometimes\"");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("transaction.boundary");
    }
}
