package io.tributary.consumer.internal;

import io.tributary.common.TopicPartition;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import reactor.core.publisher.Mono;

/** A rebalance listener that remembers every call, for tests; never blocks. */
final class RecordingListener implements RebalanceListener {
    private final Queue<Set<TopicPartition>> revoked = new ConcurrentLinkedQueue<>();
    private final Queue<Set<TopicPartition>> assigned = new ConcurrentLinkedQueue<>();
    private final Queue<Set<TopicPartition>> lost = new ConcurrentLinkedQueue<>();
    private final Duration revocationTime;
    private volatile Set<TopicPartition> owned = Set.of();

    /** A listener whose revocations complete at once. */
    RecordingListener() {
        this(Duration.ZERO);
    }

    /** A listener whose revocations take {@code revocationTime} (a timer, nothing blocks). */
    RecordingListener(Duration revocationTime) {
        this.revocationTime = revocationTime;
    }

    @Override
    public Mono<Void> onPartitionsRevoked(Set<TopicPartition> partitions) {
        revoked.add(Set.copyOf(partitions));
        Mono<Void> done = revocationTime.isZero() ? Mono.empty() : Mono.delay(revocationTime).then();
        return done.doOnSuccess(v -> owned = PartitionSets.minus(owned, partitions));
    }

    @Override
    public void onPartitionsAssigned(Set<TopicPartition> added, Set<TopicPartition> all) {
        assigned.add(Set.copyOf(added));
        owned = Set.copyOf(all);
    }

    @Override
    public void onPartitionsLost(Set<TopicPartition> partitions) {
        lost.add(Set.copyOf(partitions));
        owned = PartitionSets.minus(owned, partitions);
    }

    /** What the calls so far leave the member owning. */
    Set<TopicPartition> owned() {
        return owned;
    }

    /** Every partition ever revoked. */
    Set<TopicPartition> allRevoked() {
        Set<TopicPartition> all = new HashSet<>();
        revoked.forEach(all::addAll);
        return all;
    }

    /** Every partition ever lost. */
    Set<TopicPartition> allLost() {
        Set<TopicPartition> all = new HashSet<>();
        lost.forEach(all::addAll);
        return all;
    }

    /** The {@code added} sets, in order. */
    List<Set<TopicPartition>> additions() {
        return List.copyOf(assigned);
    }
}
