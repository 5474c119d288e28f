package io.tributary.connect.internal.runtime;

import io.tributary.common.TopicPartition;
import io.tributary.consumer.ReceivedRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a sink task's runtime knows per assigned partition: the next offset after the records delivered (the
 * {@code currentOffsets} given to {@code preCommit}), the records delivered but not yet approved for commit (held
 * unacknowledged, so the consumer commits nothing the task has not flushed), the partitions the task paused, and an
 * epoch per partition that a seek advances so that records emitted before it are recognised and dropped. Pure and
 * synchronous; thread-safe (synchronized), though used mostly from the task's thread.
 */
final class SinkPartitions {
    /** A consumed record and the epoch of its partition when the consumer emitted it. */
    record Stamped(ReceivedRecord<byte[], byte[]> record, int epoch) {
    }

    private final Set<TopicPartition> assigned = new HashSet<>();
    private final Map<TopicPartition, Integer> epochs = new HashMap<>();
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    private final Map<TopicPartition, LinkedHashMap<Long, ReceivedRecord<byte[], byte[]>>> held = new HashMap<>();
    private final Set<TopicPartition> paused = new HashSet<>();
    private final Map<TopicPartition, Long> resumeAt = new HashMap<>();
    private int heldCount;

    synchronized Stamped stamp(ReceivedRecord<byte[], byte[]> record) {
        return new Stamped(record, epochs.getOrDefault(record.topicPartition(), 0));
    }

    synchronized void assign(Collection<TopicPartition> partitions) {
        assigned.addAll(partitions);
    }

    /** Forgets partitions given up; their held records are never acknowledged (the next owner reads them). */
    synchronized void revoke(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            assigned.remove(tp);
            nextOffsets.remove(tp);
            paused.remove(tp);
            resumeAt.remove(tp);
            dropHeld(tp);
        }
    }

    synchronized Set<TopicPartition> assigned() {
        return Set.copyOf(assigned);
    }

    /**
     * Whether a record goes to the task: its partition is assigned, not paused, and not sought since it was emitted.
     * A record of a paused partition is remembered as where to resume.
     */
    synchronized boolean deliverable(Stamped s) {
        TopicPartition tp = s.record().topicPartition();
        if (!assigned.contains(tp) || s.epoch() != epochs.getOrDefault(tp, 0)) {
            return false;
        }
        if (paused.contains(tp)) {
            resumeAt.putIfAbsent(tp, s.record().offset());
            return false;
        }
        return true;
    }

    /** The record was handed to the task (or skipped under error tolerance): hold it until a commit approves it. */
    synchronized void delivered(ReceivedRecord<byte[], byte[]> record) {
        TopicPartition tp = record.topicPartition();
        nextOffsets.put(tp, record.offset() + 1);
        held.computeIfAbsent(tp, p -> new LinkedHashMap<>()).put(record.offset(), record);
        heldCount++;
    }

    /** The consumed record behind a sink record, while it is held; else null. */
    synchronized @Nullable ReceivedRecord<byte[], byte[]> held(TopicPartition tp, long offset) {
        Map<Long, ReceivedRecord<byte[], byte[]>> records = held.get(tp);
        return records == null ? null : records.get(offset);
    }

    synchronized int heldCount() {
        return heldCount;
    }

    /** The next offset per partition after what was delivered: what {@code preCommit} is offered. */
    synchronized Map<TopicPartition, Long> currentOffsets() {
        return Map.copyOf(nextOffsets);
    }

    /**
     * Acknowledges the held records below the approved offsets and forgets them; returns the last record
     * acknowledged per partition, whose {@code commit()} commits its partition.
     */
    synchronized List<ReceivedRecord<byte[], byte[]>> approve(Map<TopicPartition, Long> offsets) {
        List<ReceivedRecord<byte[], byte[]>> last = new ArrayList<>();
        offsets.forEach((tp, next) -> {
            Map<Long, ReceivedRecord<byte[], byte[]>> records = held.get(tp);
            if (records == null || next == null) {
                return;
            }
            ReceivedRecord<byte[], byte[]> lastAcked = null;
            Iterator<ReceivedRecord<byte[], byte[]>> it = records.values().iterator();
            while (it.hasNext()) {
                ReceivedRecord<byte[], byte[]> r = it.next();
                if (r.offset() >= next) {
                    break;
                }
                r.acknowledge();
                lastAcked = r;
                it.remove();
                heldCount--;
            }
            if (lastAcked != null) {
                last.add(lastAcked);
            }
        });
        return last;
    }

    /**
     * Records that the partition was sought to {@code offset}: records emitted before are stale, held ones will be
     * delivered again, and delivery goes on from {@code offset}.
     */
    synchronized void sought(TopicPartition tp, long offset) {
        epochs.merge(tp, 1, Integer::sum);
        dropHeld(tp);
        nextOffsets.put(tp, offset);
        resumeAt.remove(tp);
    }

    /** Where each partition with held records must be sought back to, to deliver them again (a failed flush). */
    synchronized Map<TopicPartition, Long> firstHeldOffsets() {
        Map<TopicPartition, Long> out = new HashMap<>();
        held.forEach((tp, records) -> {
            if (!records.isEmpty()) {
                out.put(tp, records.keySet().iterator().next());
            }
        });
        return out;
    }

    synchronized void pause(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            if (assigned.contains(tp)) {
                paused.add(tp);
            }
        }
    }

    /** Resumes partitions; returns where to seek those whose records were skipped while paused. */
    synchronized Map<TopicPartition, Long> resume(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> seeks = new HashMap<>();
        for (TopicPartition tp : partitions) {
            if (paused.remove(tp)) {
                Long at = resumeAt.remove(tp);
                if (at != null) {
                    seeks.put(tp, at);
                }
            }
        }
        return seeks;
    }

    private void dropHeld(TopicPartition tp) {
        Map<Long, ReceivedRecord<byte[], byte[]>> records = held.remove(tp);
        if (records != null) {
            heldCount -= records.size();
        }
    }
}
