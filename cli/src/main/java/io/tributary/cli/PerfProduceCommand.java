package io.tributary.cli;

import io.tributary.cli.internal.AcksConverter;
import io.tributary.cli.internal.Latencies;
import io.tributary.cli.internal.Output;
import io.tributary.cli.internal.Payloads;
import io.tributary.cli.internal.Throttle;
import io.tributary.producer.Acks;
import io.tributary.producer.ProducerOptions;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.SendResult;
import io.tributary.producer.SenderRecord;
import io.tributary.producer.TributaryProducer;
import io.tributary.protocol.record.Compression;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * {@code tributary perf produce --topic perf --num-records 1000000 --record-size 100}: sends records as fast as the
 * producer takes them (or at {@code --throughput} records a second) and prints records/s, MB/s and the latency from
 * handing a record over to its acknowledgement (average, p50, p95, p99, p99.9, max), like Kafka's
 * {@code ProducerPerformance}. Progress goes to stderr every 5 seconds.
 */
@Command(name = "produce", description = "Measures producer throughput and latency.")
final class PerfProduceCommand extends ClientCommand {
    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic to write to.")
    String topic;

    @Option(names = "--num-records", required = true, paramLabel = "N", description = "How many records to send.")
    long numRecords;

    @Option(names = "--record-size", paramLabel = "BYTES", defaultValue = "100",
        description = "The size of each record's value (default: ${DEFAULT-VALUE}).")
    int recordSize;

    @Option(names = "--throughput", paramLabel = "RECORDS/S", defaultValue = "-1",
        description = "Send at most this many records a second (default: no limit).")
    double throughput;

    @Option(names = "--acks", paramLabel = "ACKS", converter = AcksConverter.class,
        description = "0, 1 or all (default: all); below all turns idempotence off.")
    @Nullable Acks acks;

    @Option(names = "--compression", paramLabel = "TYPE", description = "none, gzip, snappy, lz4 or zstd.")
    @Nullable Compression compression;

    @Option(names = "--progress-interval-ms", hidden = true, defaultValue = "5000",
        description = "How often progress is printed.")
    long progressIntervalMs;

    @Override
    int run() throws Exception {
        if (numRecords < 1) {
            throw usage("--num-records must be positive, was " + numRecords);
        }
        if (recordSize < 0) {
            throw usage("--record-size must not be negative, was " + recordSize);
        }
        ProducerOptions<byte[], byte[]> options = global.producerOptions();
        if (acks != null) {
            options = options.acks(acks).idempotence(acks == Acks.ALL && options.idempotence());
        }
        if (compression != null) {
            options = options.compression(compression);
        }
        byte[] payload = Payloads.random(recordSize, new SplittableRandom());
        Latencies latencies = new Latencies(numRecords, 500_000);
        Window window = new Window();
        TributaryProducer<byte[], byte[]> producer = TributaryProducer.create(options);
        long start = System.nanoTime();
        try {
            sendAll(producer, records(payload, start), latencies, window);
        } finally {
            producer.closeNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        print(latencies.summary(), seconds);
        return 0;
    }

    private Flux<SenderRecord<byte[], byte[], Long>> records(byte[] payload, long start) {
        Throttle throttle = new Throttle(throughput, start);
        AtomicLong sent = new AtomicLong();
        // Generated on a thread that may sleep for the throttle, as fast as the producer's buffer takes records.
        return Flux.<SenderRecord<byte[], byte[], Long>>generate(sink -> {
            long n = sent.getAndIncrement();
            if (n >= numRecords) {
                sink.complete();
                return;
            }
            throttle.pace(n);
            sink.next(ProducerRecord.<byte[], byte[]>of(topic, payload).correlate(System.nanoTime()));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private void sendAll(TributaryProducer<byte[], byte[]> producer, Flux<SenderRecord<byte[], byte[], Long>> records,
                         Latencies latencies, Window window) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
        Disposable sending = producer.send(records)
            .subscribe(result -> {
                long latency = System.nanoTime() - result.correlation();
                if (result instanceof SendResult.Sent<Long>) {
                    latencies.record(latency);
                    window.add(latency);
                }
            }, e -> {
                failure.set(e);
                done.countDown();
            }, done::countDown);
        try {
            while (!done.await(progressIntervalMs, TimeUnit.MILLISECONDS)) {
                if (context().stop().isRequested()) {
                    throw new IllegalStateException("Interrupted");
                }
                window.print(err(), recordSize, progressIntervalMs);
            }
        } finally {
            sending.dispose();
        }
        Throwable error = failure.get();
        if (error != null) {
            throw error instanceof RuntimeException r ? r : new IllegalStateException(error.getMessage(), error);
        }
    }

    private void print(Latencies.Summary s, double seconds) {
        double recordsPerSecond = s.count() / seconds;
        double mbPerSecond = recordsPerSecond * recordSize / (1024.0 * 1024.0);
        Output output = output();
        if (output.isJson()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("records", s.count());
            json.put("seconds", PerfLatency.round(seconds));
            json.put("recordsPerSecond", PerfLatency.round(recordsPerSecond));
            json.put("mbPerSecond", PerfLatency.round(mbPerSecond));
            json.put("latencyMs", PerfLatency.json(s));
            output.json(json);
        } else {
            output.table(List.of("RECORDS", "RECORDS/S", "MB/S", "AVG-MS", "P50-MS", "P95-MS", "P99-MS", "MAX-MS"),
                List.of(Output.row(s.count(), PerfLatency.format(recordsPerSecond), PerfLatency.format(mbPerSecond),
                    PerfLatency.format(s.avgMs()), PerfLatency.format(s.p50Ms()), PerfLatency.format(s.p95Ms()),
                    PerfLatency.format(s.p99Ms()), PerfLatency.format(s.maxMs()))));
        }
    }

    /** Counts since the last progress line; results add from the producer's scheduler, the command thread reads. */
    private static final class Window {
        private final AtomicLong count = new AtomicLong();
        private final AtomicLong latencyNanos = new AtomicLong();
        private final AtomicLong maxNanos = new AtomicLong();

        void add(long latency) {
            count.incrementAndGet();
            latencyNanos.addAndGet(latency);
            maxNanos.accumulateAndGet(latency, Math::max);
        }

        void print(PrintWriter err, int recordSize, long intervalMs) {
            long n = count.getAndSet(0);
            long total = latencyNanos.getAndSet(0);
            long max = maxNanos.getAndSet(0);
            double perSecond = n * 1000.0 / intervalMs;
            err.printf(Locale.ROOT,
                "%d records sent, %.1f records/s (%.2f MB/s), %.1f ms avg latency, %.1f ms max latency.%n", n,
                perSecond, perSecond * recordSize / (1024.0 * 1024.0), n == 0 ? 0.0 : total / 1e6 / n, max / 1e6);
            err.flush();
        }
    }
}
