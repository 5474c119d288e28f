package io.tributary.cli;

import io.tributary.cli.internal.AcksConverter;
import io.tributary.cli.internal.KeyValue;
import io.tributary.cli.internal.Output;
import io.tributary.common.Header;
import io.tributary.producer.Acks;
import io.tributary.producer.ProducerOptions;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.RecordMetadata;
import io.tributary.producer.SendResult;
import io.tributary.producer.SenderRecord;
import io.tributary.producer.TributaryProducer;
import io.tributary.protocol.record.Compression;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * {@code tributary produce --topic orders [--file records.txt] [--key-separator :]}: sends one record per line of
 * standard input or a file, until the end of the input (Ctrl-D on a terminal). Lines are read on a
 * {@code boundedElastic} thread only as fast as the producer's buffer takes them; the command's thread waits for the
 * acknowledgements and reports progress on stderr for files of 1 MiB or more.
 */
@Command(name = "produce", description = "Sends one record per line of standard input or a file.")
final class ProduceCommand extends ClientCommand {
    private static final long PROGRESS_MIN_BYTES = 1 << 20;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic to write to.")
    String topic;

    @Option(names = "--file", paramLabel = "FILE", description = "Read the records from FILE instead of stdin.")
    @Nullable Path file;

    @Option(names = "--key-separator", paramLabel = "SEP",
        description = "Lines are KEY<SEP>VALUE; a line without SEP is an error. Without this option lines are "
            + "values without a key.")
    @Nullable String keySeparator;

    @Option(names = "--header", paramLabel = "KEY=VALUE", converter = KeyValue.Converter.class,
        description = "A header to add to every record; repeatable.")
    List<KeyValue> headers = new ArrayList<>();

    @Option(names = "--compression", paramLabel = "TYPE",
        description = "none, gzip, snappy, lz4 or zstd (default: none, or compression.type of --command-config).")
    @Nullable Compression compression;

    @Option(names = "--acks", paramLabel = "ACKS", converter = AcksConverter.class,
        description = "0, 1 or all (default: all, or acks of --command-config); below all turns idempotence off.")
    @Nullable Acks acks;

    @Option(names = "--partition", paramLabel = "N",
        description = "Write every record to this partition (default: by key hash, or sticky without keys).")
    @Nullable Integer partition;

    @Option(names = "--progress-interval-ms", hidden = true, defaultValue = "2000",
        description = "How often progress is printed for large files.")
    long progressIntervalMs;

    @Override
    int run() throws Exception {
        if (keySeparator != null && keySeparator.isEmpty()) {
            throw usage("--key-separator must not be empty");
        }
        if (partition != null && partition < 0) {
            throw usage("--partition must not be negative, was " + partition);
        }
        ProducerOptions<byte[], byte[]> options = global.producerOptions();
        if (compression != null) {
            options = options.compression(compression);
        }
        if (acks != null) {
            options = options.acks(acks);
            if (acks != Acks.ALL) {
                options = options.idempotence(false);
            }
        }
        long totalBytes = file == null ? -1 : Files.size(file);
        boolean progress = totalBytes >= PROGRESS_MIN_BYTES;
        BufferedReader reader = file != null ? Files.newBufferedReader(file, StandardCharsets.UTF_8)
            : new BufferedReader(new InputStreamReader(context().stdin(), StandardCharsets.UTF_8));
        TributaryProducer<byte[], byte[]> producer = TributaryProducer.create(options);
        Summary summary = new Summary();
        try (reader) {
            sendAll(producer, lines(reader, summary.bytesRead), summary, progress ? totalBytes : -1);
        } finally {
            producer.closeNow();
        }
        if (progress) {
            err().println("Produced " + summary.sent.get() + " records to " + topic + ".");
            err().flush();
        }
        Output output = output();
        if (output.isJson()) {
            output.json(summary.json(topic));
        }
        return 0;
    }

    /** Sends the records and waits for every acknowledgement, printing progress meanwhile. */
    private void sendAll(TributaryProducer<byte[], byte[]> producer, Flux<SenderRecord<byte[], byte[], Long>> records,
                         Summary summary, long totalBytes) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
        Disposable sending = producer.send(records)
            .subscribe(summary::add, e -> {
                failure.set(e);
                done.countDown();
            }, done::countDown);
        try {
            while (!done.await(progressIntervalMs, TimeUnit.MILLISECONDS)) {
                if (context().stop().isRequested()) {
                    // Ctrl-C: records handed over so far are flushed by closeNow().
                    return;
                }
                if (totalBytes > 0) {
                    printProgress(summary, totalBytes);
                }
            }
        } finally {
            sending.dispose();
        }
        Throwable error = failure.get();
        if (error != null) {
            throw error instanceof RuntimeException r ? r : new IllegalStateException(error.getMessage(), error);
        }
    }

    private void printProgress(Summary summary, long totalBytes) {
        long read = summary.bytesRead.get();
        err().printf("Produced %d records, read %.1f of %.1f MB (%d%%)%n", summary.sent.get(), read / 1e6,
            totalBytes / 1e6, Math.min(100, read * 100 / totalBytes));
        err().flush();
    }

    /** The records of the input's lines, read on a thread that may block, as fast as the producer requests. */
    private Flux<SenderRecord<byte[], byte[], Long>> lines(BufferedReader reader, AtomicLong bytesRead) {
        List<Header> recordHeaders = headers.stream()
            .map(h -> new Header(h.key(), h.value().getBytes(StandardCharsets.UTF_8)))
            .toList();
        AtomicLong lineNumber = new AtomicLong();
        return Flux.<SenderRecord<byte[], byte[], Long>>generate(sink -> {
            String line;
            try {
                line = reader.readLine();
            } catch (IOException e) {
                sink.error(new UncheckedIOException("Cannot read " + (file == null ? "stdin" : file), e));
                return;
            }
            if (line == null) {
                sink.complete();
                return;
            }
            long n = lineNumber.incrementAndGet();
            bytesRead.addAndGet(line.length() + 1);
            try {
                sink.next(record(line, n, recordHeaders).correlate(n));
            } catch (IllegalArgumentException e) {
                sink.error(e);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private ProducerRecord<byte[], byte[]> record(String line, long lineNumber, List<Header> recordHeaders) {
        byte[] key = null;
        String value = line;
        if (keySeparator != null) {
            int at = line.indexOf(keySeparator);
            if (at < 0) {
                throw new IllegalArgumentException("No key separator '" + keySeparator + "' on line " + lineNumber
                    + " of " + (file == null ? "stdin" : file));
            }
            key = line.substring(0, at).getBytes(StandardCharsets.UTF_8);
            value = line.substring(at + keySeparator.length());
        }
        return new ProducerRecord<>(topic, partition, null, key, value.getBytes(StandardCharsets.UTF_8),
            recordHeaders);
    }

    /** Counts of what was sent, per partition; written by the result subscriber, read once it is done. */
    private static final class Summary {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong bytesRead = new AtomicLong();
        final Map<Integer, long[]> partitions = new TreeMap<>();

        synchronized void add(SendResult<Long> result) {
            if (result instanceof SendResult.Sent<Long> s) {
                RecordMetadata m = s.metadata();
                long[] p = partitions.computeIfAbsent(m.partition().partition(), k -> new long[] {0, -1, -1});
                p[0]++;
                p[1] = p[1] < 0 ? m.offset() : Math.min(p[1], m.offset());
                p[2] = Math.max(p[2], m.offset());
                sent.incrementAndGet();
            }
        }

        synchronized Map<String, Object> json(String topic) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("topic", topic);
            json.put("records", sent.get());
            List<Map<String, Object>> list = new ArrayList<>();
            partitions.forEach((partition, p) -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("partition", partition);
                entry.put("records", p[0]);
                entry.put("firstOffset", p[1]);
                entry.put("lastOffset", p[2]);
                list.add(entry);
            });
            json.put("partitions", list);
            return json;
        }
    }
}
