package io.tributary.connect.runtime;

import static org.awaitility.Awaitility.await;

import io.tributary.client.ClientOptions;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.IsolationLevel;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.consumer.TributaryConsumer;
import io.tributary.serdes.Serdes;
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
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/** Distributed workers of one test cluster in this JVM, with the REST and reading helpers their tests share. */
final class DistributedWorkers implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);

    private final String bootstrap;
    private final Map<String, String> extra;
    private final String cluster = "connect-" + UUID.randomUUID();
    private final List<ConnectDistributed> workers = new ArrayList<>();

    /** @param extra worker properties added to (or overriding) the fast-failover defaults */
    DistributedWorkers(String bootstrap, Map<String, String> extra) {
        this.bootstrap = bootstrap;
        this.extra = Map.copyOf(extra);
    }

    String cluster() {
        return cluster;
    }

    /** Starts one more worker of the cluster. */
    ConnectDistributed start() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
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
        props.putAll(extra);
        ConnectDistributed worker = ConnectDistributed.startNow(props);
        workers.add(worker);
        return worker;
    }

    /** Forgets a worker the test stopped itself. */
    void forget(ConnectDistributed worker) {
        workers.remove(worker);
    }

    @Override
    public void close() {
        workers.forEach(ConnectDistributed::closeNow);
        workers.clear();
    }

    static HttpResponse<String> http(String method, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static ConnectorStatus status(ConnectDistributed worker, String name) {
        return worker.herder().connectorStatus(name).block(WAIT);
    }

    /** Waits until the connector and its {@code tasks} tasks run, and returns the workers running the tasks. */
    static Set<String> awaitRunning(ConnectDistributed worker, String name, int tasks) {
        await().atMost(WAIT).until(() -> {
            ConnectorStatus s = status(worker, name);
            return s.connector().state() == ConnectorStatus.Value.RUNNING && s.tasks().size() == tasks
                && s.tasks().stream().allMatch(t -> t.state() == ConnectorStatus.Value.RUNNING);
        });
        return status(worker, name).tasks().stream().map(ConnectorStatus.TaskState::workerId)
            .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The values of a one-partition topic, read for a few seconds from its beginning. */
    List<String> values(String topic, IsolationLevel isolation) {
        TributaryConsumer<String, String> consumer = TributaryConsumer.create(ConsumerOptions
            .create(ClientOptions.create(bootstrap), Serdes.string().deserializer(), Serdes.string().deserializer())
            .assignment(List.of(new TopicPartition(topic, 0)))
            .isolationLevel(isolation)
            .offsetReset(OffsetReset.EARLIEST));
        try {
            return consumer.receive()
                .take(Duration.ofSeconds(3))
                .map(ReceivedRecord::value)
                .collectList()
                .block(WAIT);
        } finally {
            consumer.close().block(WAIT);
        }
    }
}
