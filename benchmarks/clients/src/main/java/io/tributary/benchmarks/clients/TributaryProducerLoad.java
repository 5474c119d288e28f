package io.tributary.benchmarks.clients;

import io.tributary.client.ClientOptions;
import io.tributary.producer.Acks;
import io.tributary.producer.ProducerOptions;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.SendResult;
import io.tributary.producer.TributaryProducer;
import io.tributary.serdes.Serdes;
import java.time.Duration;
import reactor.core.publisher.Flux;

/**
 * Sends {@code --records} values of {@code --size} bytes without keys through Tributary's producer with its default
 * settings (linger 5 ms, batch 16 KiB, 32 MiB buffer, results on the parallel scheduler) and prints the time from
 * the first record handed over to the last one acknowledged, after an untimed warm-up ({@link LoadArgs#warmUp}).
 */
public final class TributaryProducerLoad {
    private TributaryProducerLoad() {
    }

    public static void main(String[] argv) {
        LoadArgs args = LoadArgs.parse(argv);
        byte[] payload = args.payload();
        ProducerOptions<byte[], byte[]> options = ProducerOptions
            .create(ClientOptions.create(args.bootstrap()), Serdes.byteArray().serializer(),
                Serdes.byteArray().serializer())
            .acks(Acks.parse(args.acks()))
            .idempotence(args.idempotence());
        TributaryProducer<byte[], byte[]> producer = TributaryProducer.create(args.batchSize() > 0
            ? options.batchSize(args.batchSize()) : options);
        // Warm-up, not timed: connections, metadata, producer id, and the JIT.
        LoadArgs.warmUp(args.records(), n -> producer.send(Flux.range(0, n)
                .map(i -> ProducerRecord.<byte[], byte[]>of(args.topic(), payload).correlate(i)))
            .blockLast(Duration.ofMinutes(10)));
        long start = System.nanoTime();
        long cpuStart = CpuClock.processCpuNanos();
        Long sent = producer.send(Flux.range(0, args.records())
                .map(i -> ProducerRecord.<byte[], byte[]>of(args.topic(), payload).correlate(i)))
            .filter(SendResult::isSent)
            .count()
            .block(Duration.ofMinutes(30));
        long nanos = System.nanoTime() - start;
        long cpuNanos = CpuClock.processCpuNanos() - cpuStart;
        producer.closeNow();
        if (sent == null || sent != args.records()) {
            throw new IllegalStateException("only " + sent + " of " + args.records() + " records were sent");
        }
        LoadArgs.printResult(args.records(), nanos, cpuNanos);
    }
}
