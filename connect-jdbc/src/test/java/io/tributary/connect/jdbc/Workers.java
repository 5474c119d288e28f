package io.tributary.connect.jdbc;

import static org.awaitility.Awaitility.await;

import io.tributary.admin.AdminOptions;
import io.tributary.admin.OffsetSpec;
import io.tributary.admin.TributaryAdmin;
import io.tributary.client.ClientOptions;
import io.tributary.common.Header;
import io.tributary.common.TopicPartition;
import io.tributary.connect.runtime.ConnectorStatus;
import io.tributary.connect.runtime.ConnectStandalone;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.consumer.TributaryConsumer;
import io.tributary.producer.ProducerOptions;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.TributaryProducer;
import io.tributary.serdes.Serdes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * Runs the JDBC connectors in standalone Connect workers against a test broker, and reads what they did: worker and
 * connector properties, connector states, records in topics.
 */
final class Workers {
    static final Duration WAIT = Duration.ofSeconds(30);

    private Workers() {
    }

    /**
     * Worker properties: string keys, JSON values with schemas (the sink needs them to build rows), source offsets
     * in {@code dir}, quick offset commits, no REST API.
     */
    static Map<String, String> props(String bootstrap, Path dir) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.converter", "StringConverter");
        props.put("value.converter", "JsonConverter");
        props.put("value.converter.schemas.enable", "true");
        props.put("offset.storage.file.filename", dir.resolve("connect.offsets").toString());
        props.put("offset.flush.interval.ms", "200");
        props.put("listeners", "");
        return props;
    }

    /** A source connector reading {@code table} of {@code url} into the topic {@code prefix + table}. */
    static Map<String, String> source(String name, String url, String table, String prefix,
                                      String... keysAndValues) {
        Map<String, String> config = Tasks.props("name", name,
            "connector.class", JdbcSourceConnector.class.getName(),
            "tasks.max", "1",
            "connection.url", url,
            "connection.user", "postgres",
            "table.whitelist", table,
            "topic.prefix", prefix,
            "poll.interval.ms", "100");
        config.putAll(Tasks.props(keysAndValues));
        return config;
    }

    /** A sink connector writing {@code topic} into {@code url}. */
    static Map<String, String> sink(String name, String url, String topic, String... keysAndValues) {
        Map<String, String> config = Tasks.props("name", name,
            "connector.class", JdbcSinkConnector.class.getName(),
            "tasks.max", "1",
            "topics", topic,
            "connection.url", url,
            "connection.user", "postgres");
        config.putAll(Tasks.props(keysAndValues));
        return config;
    }

    /** Creates the connectors on {@code connect}, in order. */
    @SafeVarargs
    static void create(ConnectStandalone connect, Map<String, String>... connectors) {
        for (Map<String, String> connector : connectors) {
            connect.createConnector(connector).block(WAIT);
        }
    }

    static ConnectorStatus status(ConnectStandalone connect, String name) {
        return connect.status(name).block(WAIT);
    }

    /** Waits until the connector and its single task run. */
    static void awaitRunning(ConnectStandalone connect, String name) {
        awaitTask(connect, name, ConnectorStatus.Value.RUNNING);
    }

    /** Waits until the connector runs and its single task is in {@code state}; returns the status then. */
    static ConnectorStatus awaitTask(ConnectStandalone connect, String name, ConnectorStatus.Value state) {
        await().atMost(WAIT).until(() -> {
            ConnectorStatus s = status(connect, name);
            return s.connector().state() == ConnectorStatus.Value.RUNNING && s.tasks().size() == 1
                && s.tasks().get(0).state() == state;
        });
        return status(connect, name);
    }

    /** Sends {@code values}, without keys, to {@code topic}, in order. */
    static void produce(String bootstrap, String topic, String... values) {
        TributaryProducer<String, String> producer = TributaryProducer.create(ProducerOptions.create(
            ClientOptions.create(bootstrap), Serdes.string().serializer(), Serdes.string().serializer()));
        try {
            producer.send(Flux.fromArray(values).map(v -> ProducerRecord.<String, String>of(topic, v).correlate(v)))
                    .blockLast(WAIT);
        } finally {
            producer.closeNow();
        }
    }

    /** The first {@code n} records of partition 0 of {@code topic}. */
    static List<ReceivedRecord<String, String>> read(String bootstrap, String topic, int n) {
        TributaryConsumer<String, String> consumer = TributaryConsumer.create(ConsumerOptions
            .create(ClientOptions.create(bootstrap), Serdes.string().deserializer(), Serdes.string().deserializer())
            .assignment(List.of(new TopicPartition(topic, 0)))
            .offsetReset(OffsetReset.EARLIEST));
        try {
            return consumer.receive().take(n).collectList().block(WAIT);
        } finally {
            consumer.close().block(WAIT);
        }
    }

    /** The end offset of partition 0 of {@code topic}: how many records were written to it. */
    static long endOffset(String bootstrap, String topic) {
        TributaryAdmin admin = TributaryAdmin.create(AdminOptions.create(ClientOptions.create(bootstrap)));
        try {
            TopicPartition tp = new TopicPartition(topic, 0);
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).block(WAIT).get(tp).offset();
        } finally {
            admin.close().block(WAIT);
        }
    }

    /** The value of the record's first header {@code key}, as UTF-8, or null. */
    static @Nullable String header(ReceivedRecord<?, ?> record, String key) {
        return record.headers().stream()
                     .filter(h -> h.key().equals(key))
                     .findFirst()
                     .map(Header::value)
                     .map(v -> new String(v, StandardCharsets.UTF_8))
                     .orElse(null);
    }
}
