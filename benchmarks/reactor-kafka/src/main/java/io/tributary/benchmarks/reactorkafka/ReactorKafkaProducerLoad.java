package io.tributary.benchmarks.reactorkafka;

import io.tributary.benchmarks.clients.CpuClock;
import io.tributary.benchmarks.clients.LoadArgs;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import reactor.core.publisher.Flux;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;
import reactor.kafka.sender.SenderRecord;

/**
 * Sends {@code --records} values of {@code --size} bytes without keys through reactor-kafka's {@code KafkaSender}
 * with its default options, and prints the time from the first record to the last result, after an untimed
 * warm-up ({@link LoadArgs#warmUp}). Takes the same arguments and prints the same result line as the generators
 * in {@code benchmarks/clients} ({@link LoadArgs}).
 */
public final class ReactorKafkaProducerLoad {
    private ReactorKafkaProducerLoad() {
    }

    public static void main(String[] argv) {
        LoadArgs args = LoadArgs.parse(argv);
        byte[] payload = args.payload();
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", args.bootstrap());
        props.put("acks", args.acks());
        props.put("enable.idempotence", Boolean.toString(args.idempotence()));
        props.put("key.serializer", ByteArraySerializer.class);
        props.put("value.serializer", ByteArraySerializer.class);
        if (args.batchSize() > 0) {
            props.put("batch.size", args.batchSize());
        }
        KafkaSender<byte[], byte[]> sender = KafkaSender.create(SenderOptions.create(props));
        // Warm-up, not timed: connections, metadata, producer id, and the JIT.
        LoadArgs.warmUp(args.records(), n -> sender.send(Flux.range(0, n)
                .map(i -> SenderRecord.create(new ProducerRecord<byte[], byte[]>(args.topic(), payload), i)))
            .blockLast(Duration.ofMinutes(10)));
        long start = System.nanoTime();
        long cpuStart = CpuClock.processCpuNanos();
        Long sent = sender.send(Flux.range(0, args.records())
                .map(i -> SenderRecord.create(new ProducerRecord<byte[], byte[]>(args.topic(), payload), i)))
            .filter(r -> r.exception() == null)
            .count()
            .block(Duration.ofMinutes(30));
        long nanos = System.nanoTime() - start;
        long cpuNanos = CpuClock.processCpuNanos() - cpuStart;
        sender.close();
        if (sent == null || sent != args.records()) {
            throw new IllegalStateException("only " + sent + " of " + args.records() + " records were sent");
        }
        LoadArgs.printResult(args.records(), nanos, cpuNanos);
    }
}
