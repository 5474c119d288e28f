package io.tributary.connect.internal.storage;

import io.tributary.producer.ProducerRecord;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * An offset store whose offsets are records of a topic, so that a source task can commit them in the transaction
 * that writes its records: what exactly-once source delivery needs. Thread-safe.
 */
public interface TransactionalOffsets {
    /** The records that commit these offsets of {@code connector} when written to the offsets topic. */
    List<ProducerRecord<byte[], byte[]>> offsetRecords(String connector,
                                                       Map<? extends Map<String, ?>, ? extends @Nullable Map<String,
                                                           ?>> offsets);

    /** Tells the store that a transaction holding these offsets committed: reads see them at once. */
    void committed(String connector, Map<? extends Map<String, ?>, ? extends @Nullable Map<String, ?>> offsets);

    /**
     * Completes once every offset committed before the call is read back: a new task instance calls it after
     * fencing its predecessor, so that it resumes after the predecessor's last committed transaction.
     */
    Mono<Void> readToEnd();
}
