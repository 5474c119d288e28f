package io.tributary.broker.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A broker killed with SIGKILL whose active segment then ends in a torn write (what a crash of the machine
 * mid-append leaves behind): on restart, recovery must cut the segment back to its last valid batch, keep every
 * acknowledged record and append after it, as Kafka's log recovery does.
 */
final class TornTailRecoveryTest {
    private static final String TOPIC = "torn";
    private static final int RECORDS = 20;
    /** Offsets of the batch header fields (Kafka's RecordBatch v2). */
    private static final int LENGTH_OFFSET = 8;
    private static final int LOG_OVERHEAD = 12;

    /** What follows the last valid batch in the segment file after the crash. */
    enum Tail {
        /** The first half of a batch: its header promises more bytes than the file holds. */
        TRUNCATED_BATCH {
            @Override
            byte[] bytes(byte[] lastBatch, long nextOffset) {
                return Arrays.copyOf(renumbered(lastBatch, nextOffset), lastBatch.length / 2);
            }
        },
        /** A whole batch whose CRC does not match its contents. */
        CRC_MISMATCH {
            @Override
            byte[] bytes(byte[] lastBatch, long nextOffset) {
                byte[] batch = renumbered(lastBatch, nextOffset);
                batch[batch.length - 1] ^= 0x5a;
                return batch;
            }
        },
        /** Zeroes, as a file system may leave after extending a file whose data never reached the disk. */
        ZEROES {
            @Override
            byte[] bytes(byte[] lastBatch, long nextOffset) {
                return new byte[4096];
            }
        };

        abstract byte[] bytes(byte[] lastBatch, long nextOffset);

        static byte[] renumbered(byte[] batch, long baseOffset) {
            byte[] copy = batch.clone();
            ByteBuffer.wrap(copy).putLong(0, baseOffset);
            return copy;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Tail.class)
    @Timeout(60)
    void recoveryTruncatesATornTailAndKeepsEveryAcknowledgedRecord(Tail tail, @TempDir Path dir) throws Exception {
        int port = BrokerProcess.freePort();
        Path properties = BrokerProcess.writeProperties(dir, port);
        String bootstrap = "localhost:" + port;
        Path segment = dir.resolve("data").resolve(TOPIC + "-0").resolve("00000000000000000000.log");
        List<String> values = IntStream.range(0, RECORDS)
            .mapToObj(i -> "value-" + i)
            .toList();
        BrokerProcess first = null;
        BrokerProcess second = null;
        try {
            first = BrokerProcess.start(properties, port, "first");
            CrashClients.createTopic(bootstrap, TOPIC, 1);
            assertThat(CrashClients.sendAcknowledged(bootstrap, TOPIC, 0, values))
                .containsExactlyElementsOf(LongStream.range(0, RECORDS).boxed().toList());
            first.kill();

            long validSize = Files.size(segment);
            Files.write(segment, tail.bytes(lastBatch(segment), RECORDS), StandardOpenOption.APPEND);

            second = BrokerProcess.start(properties, port, "second");
            List<ConsumerRecord<String, String>> read = CrashClients.readAll(bootstrap, TOPIC, 1);
            assertThat(read).extracting(ConsumerRecord::offset)
                .containsExactlyElementsOf(LongStream.range(0, RECORDS).boxed().toList());
            assertThat(read).extracting(ConsumerRecord::value).containsExactlyElementsOf(values);
            assertThat(Files.size(segment)).as("segment size after recovery").isEqualTo(validSize);

            assertThat(CrashClients.sendAcknowledged(bootstrap, TOPIC, 0, List.of("after")))
                .as("offset of the first append after recovery")
                .containsExactly((long) RECORDS);
            assertThat(CrashClients.readAll(bootstrap, TOPIC, 1)).extracting(ConsumerRecord::value)
                .hasSize(RECORDS + 1)
                .endsWith("after");
        } catch (AssertionError | RuntimeException e) {
            for (BrokerProcess b : new BrokerProcess[] {first, second}) {
                if (b != null) {
                    e.addSuppressed(new RuntimeException("output of the broker child JVM:\n" + b.output()));
                }
            }
            throw e;
        } finally {
            if (first != null) {
                first.close();
            }
            if (second != null) {
                second.close();
            }
        }
    }

    /** The bytes of the last batch in a segment file, found by walking the batch lengths from the start. */
    private static byte[] lastBatch(Path segment) throws IOException {
        ByteBuffer log = ByteBuffer.wrap(Files.readAllBytes(segment));
        int last = -1;
        int position = 0;
        while (position + LOG_OVERHEAD <= log.limit()) {
            int size = LOG_OVERHEAD + log.getInt(position + LENGTH_OFFSET);
            assertThat(position + size).as("batch at %s of %s", position, segment).isLessThanOrEqualTo(log.limit());
            last = position;
            position += size;
        }
        assertThat(last).as("batches in %s", segment).isNotNegative();
        assertThat(position).as("end of the last batch in %s", segment).isEqualTo(log.limit());
        return Arrays.copyOfRange(log.array(), last, position);
    }
}
