package io.tributary.connect.runtime;

import static org.awaitility.Awaitility.await;

import io.tributary.admin.AdminOptions;
import io.tributary.admin.OffsetSpec;
import io.tributary.admin.TributaryAdmin;
import io.tributary.client.ClientOptions;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.consumer.TributaryConsumer;
import io.tributary.producer.ProducerOptions;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.TributaryProducer;
import io.tributary.serdes.Serdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;

/** Starting standalone workers against a test broker, and reading what they did. */
final class ConnectFixture {
    static final Duration WAIT = Duration.ofSeconds(30);

    private ConnectFixture() {
    }

    /** Worker properties: string converters, offsets in {@code dir}, quick commits, no REST API. */
    static Map<String, String> workerProps(String bootstrap, Path dir) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "StringConverter");
        props.put("offset.storage.file.filename", dir.resolve("connect.offsets").toString());
        props.put("offset.flush.interval.ms", "200");
        props.put("listeners", "");
        return props;
    }

    static ConnectorStatus status(ConnectStandalone connect, String name) {
        return connect.herder().connectorStatus(name).block(WAIT);
    }

    /** Waits until the connector and each of its tasks are in the states given. */
    static ConnectorStatus awaitStates(ConnectStandalone connect, String name, ConnectorStatus.Value connector,
                                       ConnectorStatus.Value... tasks) {
        await().atMost(WAIT).until(() -> {
            ConnectorStatus s = status(connect, name);
            return s.connector().state() == connector && s.tasks().size() == tasks.length
                && s.tasks().stream().map(ConnectorStatus.TaskState::state).toList().equals(List.of(tasks));
        });
        return status(connect, name);
    }

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

    /** Sends {@code values} to one partition of {@code topic}. */
    static void produce(String bootstrap, String topic, int partition, String... values) {
        TributaryProducer<String, String> producer = TributaryProducer.create(ProducerOptions.create(
            ClientOptions.create(bootstrap), Serdes.string().serializer(), Serdes.string().serializer()));
        try {
            producer.send(Flux.fromArray(values).map(v -> ProducerRecord.<String, String>of(topic, v)
                    .partition(partition).correlate(v)))
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

    /** The values of the first {@code n} records of partition 0 of {@code topic}. */
    static List<String> values(String bootstrap, String topic, int n) {
        return read(bootstrap, topic, n).stream().map(ReceivedRecord::value).toList();
    }

    /** The end offset of partition 0 of {@code topic}. */
    static long endOffset(String bootstrap, String topic) {
        TributaryAdmin admin = TributaryAdmin.create(AdminOptions.create(ClientOptions.create(bootstrap)));
        try {
            TopicPartition tp = new TopicPartition(topic, 0);
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).block(WAIT).get(tp).offset();
        } finally {
            admin.close().block(WAIT);
        }
    }

    /** A connector configuration: name, class, and key/value pairs. */
    static Map<String, String> connector(String name, Class<?> type, String... keyValues) {
        Map<String, String> config = new HashMap<>();
        config.put("name", name);
        config.put("connector.class", type.getName());
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }
}
