package io.tributary.cli.internal;

import io.tributary.common.TopicPartition;
import io.tributary.consumer.ConsumerOptions;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.consumer.TributaryConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * A consumer read from the command's thread: records arrive in a {@link RecordQueue}; the command marks each one
 * {@link #processed} once printed, {@link #commit commits} the processed offsets of a group before it stops, and
 * {@link #close closes}, waiting until the consumer has left its group and closed its connections, so that the
 * group is empty when the process exits. Not thread-safe: one command thread uses it.
 */
public final class RecordSource implements AutoCloseable {
    private static final int QUEUE_CAPACITY = 1024;

    private final TributaryConsumer<byte[], byte[]> consumer;
    private final RecordQueue<ReceivedRecord<byte[], byte[]>> queue;
    private final Map<TopicPartition, ReceivedRecord<byte[], byte[]>> lastProcessed = new HashMap<>();
    private final Duration closeTimeout;

    private RecordSource(ConsumerOptions<byte[], byte[]> options, Duration closeTimeout) {
        this.consumer = TributaryConsumer.create(options);
        this.closeTimeout = closeTimeout;
        // Subscribing assigns a fixed assignment's partitions at once, so that seek() can follow right away.
        this.queue = RecordQueue.subscribe(consumer.receive(), QUEUE_CAPACITY);
    }

    /** Starts consuming with {@code options}; {@link #close} waits up to {@code closeTimeout} for the consumer. */
    public static RecordSource start(ConsumerOptions<byte[], byte[]> options, Duration closeTimeout) {
        return new RecordSource(options, closeTimeout);
    }

    /** Moves an assigned partition to {@code offset} before the first fetch. */
    public void seek(TopicPartition partition, long offset, Duration timeout) {
        consumer.seek(partition, offset).block(timeout);
    }

    /** Moves assigned partitions to their first offset. */
    public void seekToBeginning(Collection<TopicPartition> partitions, Duration timeout) {
        consumer.seekToBeginning(partitions).block(timeout);
    }

    /** Moves assigned partitions to their end. */
    public void seekToEnd(Collection<TopicPartition> partitions, Duration timeout) {
        consumer.seekToEnd(partitions).block(timeout);
    }

    /** The next record, waiting up to {@code timeout}; null if none came. */
    public @Nullable ReceivedRecord<byte[], byte[]> poll(Duration timeout) throws InterruptedException {
        return queue.poll(timeout);
    }

    /** Marks {@code record} processed: acknowledged, and committed with the next {@link #commit}. */
    public void processed(ReceivedRecord<byte[], byte[]> record) {
        record.acknowledge();
        lastProcessed.put(record.topicPartition(), record);
    }

    /** Commits the processed offsets of every partition now (with a group), waiting up to {@code timeout}. */
    public void commit(Duration timeout) {
        List<ReceivedRecord<byte[], byte[]>> last = new ArrayList<>(lastProcessed.values());
        lastProcessed.clear();
        Flux.fromIterable(last)
            .concatMap(ReceivedRecord::commit)
            .then()
            .block(timeout);
    }

    /** Stops consuming and waits (up to the close timeout) until the consumer has left and disconnected. */
    @Override
    public void close() {
        queue.close();
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        while (!consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
