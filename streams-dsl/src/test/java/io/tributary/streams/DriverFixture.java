package io.tributary.streams;

import io.tributary.serdes.Serde;
import io.tributary.serdes.Serdes;
import io.tributary.streams.testing.TestInputTopic;
import io.tributary.streams.testing.TestOutputTopic;
import io.tributary.streams.testing.TopologyTestDriver;
import java.time.Instant;

/** A test driver over String keys and values with application id {@code app}, and typed topic helpers. */
final class DriverFixture implements AutoCloseable {
    /** No record cache: every update is emitted, as on the Kafka Streams side of the differential tests. */
    static final StreamsOptions OPTIONS = StreamsOptions.create("app", "localhost:9092")
        .defaultKeySerde(Serdes.string())
        .defaultValueSerde(Serdes.string())
        .cacheMaxBytes(0);

    final TopologyTestDriver driver;

    DriverFixture(Topology topology) {
        this.driver = new TopologyTestDriver(topology, OPTIONS, Instant.ofEpochMilli(0));
    }

    DriverFixture(StreamsBuilder builder) {
        this(builder.build());
    }

    TestInputTopic<String, String> input(String topic) {
        return driver.createInputTopic(topic, Serdes.string().serializer(), Serdes.string().serializer());
    }

    TestOutputTopic<String, String> output(String topic) {
        return output(topic, Serdes.string());
    }

    <V> TestOutputTopic<String, V> output(String topic, Serde<V> values) {
        return driver.createOutputTopic(topic, Serdes.string().deserializer(), values.deserializer());
    }

    @Override
    public void close() {
        driver.close();
    }
}
