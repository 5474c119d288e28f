package io.tributary.benchmarks.harness;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The records of {@link JdbcSinkSideBySide}: record {@code i} (of {@code count}) has the key
 * {@code {id}} and the value {@code {id, name, amount, updated_at}}, both structs in Kafka Connect's JSON envelope
 * ({@code {"schema":...,"payload":...}}, what {@code JsonConverter} with {@code schemas.enable=true} reads), where
 * {@code id = i % (count / 2)}. So every id comes twice, {@code count / 2} records apart, and the second record of an
 * id updates the row the first inserted; the final row of id {@code k} is record {@code k + count / 2}:
 * {@code name = "customer-<i>"}, {@code amount = i / 4.0}, {@code updated_at = BASE_MILLIS + i}. Keys and values are
 * functions of {@code i} only, so the expected table can be written in SQL ({@link UpsertTable}).
 *
 * <p>Immutable; {@link #write} is used by one thread.
 */
final class UpsertRecords {
    /** The {@code updated_at} of record 0, a millisecond timestamp. */
    static final long BASE_MILLIS = 1_700_000_000_000L;

    private static final String KEY_SCHEMA = "{\"type\":\"struct\",\"name\":\"bench.CustomerKey\",\"optional\":false,"
        + "\"fields\":[{\"field\":\"id\",\"type\":\"int64\",\"optional\":false}]}";
    private static final String VALUE_SCHEMA = "{\"type\":\"struct\",\"name\":\"bench.Customer\",\"optional\":false,"
        + "\"fields\":[{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
        + "{\"field\":\"name\",\"type\":\"string\",\"optional\":false},"
        + "{\"field\":\"amount\",\"type\":\"double\",\"optional\":false},"
        + "{\"field\":\"updated_at\",\"type\":\"int64\",\"optional\":false}]}";
    /** The fractions of {@code i / 4.0}, written out so that every amount is a plain JSON decimal. */
    private static final String[] QUARTERS = {".0", ".25", ".5", ".75"};

    private final int count;

    /**
     * @throws IllegalArgumentException if {@code count} is odd or below 2
     */
    UpsertRecords(int count) {
        if (count < 2 || count % 2 != 0) {
            throw new IllegalArgumentException("the record count must be even and at least 2, was " + count);
        }
        this.count = count;
    }

    int count() {
        return count;
    }

    /** Rows of the final table: one per id. */
    int rows() {
        return count / 2;
    }

    long id(int i) {
        return i % rows();
    }

    /** The record of the final row of {@code id}. */
    int finalRecord(long id) {
        return (int) id + rows();
    }

    static long updatedAt(int i) {
        return BASE_MILLIS + i;
    }

    /** The sum of {@code updated_at} over the final table; any table with an older row has a smaller sum. */
    BigInteger finalUpdatedAtSum() {
        BigInteger first = BigInteger.valueOf(rows());
        BigInteger last = BigInteger.valueOf(count - 1L);
        // Sum of i over [rows, count): (first + last) * n / 2, plus n * BASE_MILLIS.
        BigInteger n = BigInteger.valueOf(rows());
        return first.add(last).multiply(n).shiftRight(1).add(n.multiply(BigInteger.valueOf(BASE_MILLIS)));
    }

    byte[] key(int i) {
        return ("{\"schema\":" + KEY_SCHEMA + ",\"payload\":{\"id\":" + id(i) + "}}").getBytes(StandardCharsets.UTF_8);
    }

    byte[] value(int i) {
        return ("{\"schema\":" + VALUE_SCHEMA + ",\"payload\":{\"id\":" + id(i) + ",\"name\":\"customer-" + i
            + "\",\"amount\":" + (i / 4) + QUARTERS[i % 4] + ",\"updated_at\":" + updatedAt(i) + "}}")
            .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes every record to {@code topic} (which must exist) with kafka-clients in this JVM: idempotent and with the
     * default partitioner, so both records of an id go to the same partition in order. Larger batches than the
     * default, as this is not timed.
     *
     * @return per partition, the last record written to it (the index {@code i}); once a sink has written those, it
     *     has written everything before them in their partitions
     */
    Map<Integer, Integer> write(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.serializer", ByteArraySerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        props.put("linger.ms", "20");
        props.put("batch.size", Integer.toString(256 * 1024));
        Map<Integer, long[]> lastByPartition = new TreeMap<>();   // partition -> {offset, i}
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < count; i++) {
                int index = i;
                producer.send(new ProducerRecord<>(topic, key(i), value(i)), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                    acked.incrementAndGet();
                    synchronized (lastByPartition) {
                        long[] last = lastByPartition.computeIfAbsent(metadata.partition(), p -> new long[] {-1, -1});
                        if (metadata.offset() > last[0]) {
                            last[0] = metadata.offset();
                            last[1] = index;
                        }
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null || acked.get() != count) {
            throw new IllegalStateException("writing " + topic + ": " + acked.get() + " of " + count
                + " records acknowledged", failure.get());
        }
        Map<Integer, Integer> last = new TreeMap<>();
        synchronized (lastByPartition) {
            lastByPartition.forEach((partition, offsetAndIndex) -> last.put(partition, (int) offsetAndIndex[1]));
        }
        return last;
    }
}
