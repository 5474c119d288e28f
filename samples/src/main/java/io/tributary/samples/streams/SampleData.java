package io.tributary.samples.streams;

import io.tributary.client.ClientOptions;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.TributaryConsumer;
import io.tributary.producer.ProducerOptions;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.TributaryProducer;
import io.tributary.serdes.Deserializer;
import io.tributary.serdes.Serdes;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What the streams samples do around their topologies: write input, wait for results, read output. */
final class SampleData {
    static final Duration WAIT = Duration.ofSeconds(60);

    private SampleData() {
    }

    /** Writes each line as a record without a key. */
    static void writeLines(String bootstrapServers, String topic, List<String> lines) {
        write(bootstrapServers, lines.stream().map(line -> ProducerRecord.<String, String>of(topic, line)).toList());
    }

    /** Writes the records in order, one at a time (so their order holds across partitions too). */
    static void write(String bootstrapServers, List<ProducerRecord<String, String>> records) {
        TributaryProducer<String, String> producer = TributaryProducer.create(ProducerOptions.create(
            ClientOptions.create(bootstrapServers), Serdes.string().serializer(), Serdes.string().serializer()));
        Flux.fromIterable(records)
            .concatMap(producer::send)
            .then(producer.close())
            .block(WAIT);
    }

    /** Reads the first {@code count} records of {@code topic} as "key value". */
    static <V> List<String> read(String bootstrapServers, String topic, int count, Deserializer<V> values) {
        TributaryConsumer<String, V> consumer = TributaryConsumer.create(ConsumerOptions
            .create(ClientOptions.create(bootstrapServers), Serdes.string().deserializer(), values)
            .groupId("sample-reader-" + topic)
            .subscription(List.of(topic))
            .offsetReset(OffsetReset.EARLIEST));
        List<String> read = consumer.receiveAtMostOnce()
            .take(count)
            .map(r -> r.key() + " " + r.value())
            .collectList()
            .block(WAIT);
        consumer.close().block(WAIT);   // commits and leaves the group before the sample's broker stops
        return read;
    }

    /** Waits (polling) until {@code done}, at most a minute. */
    static void await(BooleanSupplier done) {
        Flux.interval(Duration.ofMillis(50))
            .filter(tick -> done.getAsBoolean())
            .next()
            .switchIfEmpty(Mono.error(new IllegalStateException("not done")))
            .block(WAIT);
    }
}
