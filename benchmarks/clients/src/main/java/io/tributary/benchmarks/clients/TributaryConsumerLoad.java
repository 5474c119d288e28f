package io.tributary.benchmarks.clients;

import io.tributary.client.ClientOptions;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.OffsetReset;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.consumer.TributaryConsumer;
import io.tributary.serdes.Serdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code --records} records through Tributary's consumer with its default settings ({@code receive()}, each
 * record acknowledged as it arrives, acknowledged offsets committed every 5 s, records emitted on the parallel
 * scheduler, 32 MiB fetched ahead), in a fresh group from the earliest offset, after an untimed warm-up read of
 * {@code --warmup-topic} by another consumer in another group; {@code --rounds} reads, each by a new consumer in a
 * fresh group, the median reported (see {@link ConsumeArgs}).
 */
public final class TributaryConsumerLoad {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private TributaryConsumerLoad() {
    }

    public static void main(String[] argv) throws Exception {
        ConsumeArgs args = ConsumeArgs.parse(argv);
        // Warm-up, not timed: connections, group join, fetch path and the JIT.
        read(args.bootstrap(), args.warmUpTopic(), args.warmUpRecords()).check(args.warmUpRecords(), args.size());
        List<ConsumeArgs.Timing> rounds = new ArrayList<>();
        for (int i = 0; i < args.rounds(); i++) {
            // Cancelling commits and leaves the group in the background: let that finish before the next read.
            Thread.sleep(1000);
            rounds.add(read(args.bootstrap(), args.topic(), args.records()).check(args.records(), args.size()));
        }
        ConsumeArgs.printResult(args.records(), rounds);
        Thread.sleep(1000);
        System.exit(0);
    }

    private static ConsumeArgs.Timing read(String bootstrap, String topic, int records) {
        TributaryConsumer<byte[], byte[]> consumer = TributaryConsumer.create(ConsumerOptions
            .create(ClientOptions.create(bootstrap), Serdes.byteArray().deserializer(),
                Serdes.byteArray().deserializer())
            .groupId(ConsumeArgs.freshGroup("tributary", topic))
            .subscription(List.of(topic))
            .offsetReset(OffsetReset.EARLIEST));
        ReadClock clock = new ReadClock(records);
        consumer.receive()
            .take(records)
            .doOnNext(record -> {
                record.acknowledge();
                clock.record(valueLength(record));
            })
            .then()
            .block(TIMEOUT);
        return clock.timing();
    }

    private static int valueLength(ReceivedRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        return value == null ? 0 : value.length;
    }
}
