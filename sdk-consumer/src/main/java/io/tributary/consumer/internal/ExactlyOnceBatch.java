package io.tributary.consumer.internal;

import io.tributary.common.TopicPartition;
import io.tributary.consumer.ReceivedRecord;
import io.tributary.producer.SendResult;
import io.tributary.producer.SenderRecord;
import io.tributary.producer.TributaryProducer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One batch of exactly-once consume-transform-produce: the transformed records and the batch's offsets go into one
 * transaction; the records are acknowledged (so that a rebalance may give their partitions up) and the results
 * emitted only after it committed. Stateless.
 */
final class ExactlyOnceBatch {
    private ExactlyOnceBatch() {
    }

    static <K, V, KO, VO, T> Flux<SendResult<T>> process(
        TributaryProducer<KO, VO> producer, List<ReceivedRecord<K, V>> batch,
        Function<? super ReceivedRecord<K, V>, ? extends Publisher<SenderRecord<KO, VO, T>>> transform) {
        ConsumerSession<K, V> session = ((DefaultReceivedRecord<K, V>) batch.get(0)).session();
        Map<TopicPartition, Long> next = nextOffsets(batch);
        return producer.inTransaction(p -> p.send(Flux.fromIterable(batch).concatMap(transform))
                .concatWith(Mono.defer(() -> p.sendOffsetsToTransaction(next, session.groupMetadata()))
                    .then(Mono.<SendResult<T>>empty())))
            .collectList()
            .doOnNext(results -> batch.forEach(ReceivedRecord::acknowledge))
            .flatMapIterable(results -> results);
    }

    /** Per partition, the offset after the last record of the batch: the next one to consume. */
    private static Map<TopicPartition, Long> nextOffsets(List<? extends ReceivedRecord<?, ?>> batch) {
        Map<TopicPartition, Long> next = new HashMap<>();
        for (ReceivedRecord<?, ?> r : batch) {
            next.merge(r.topicPartition(), r.offset() + 1, Math::max);
        }
        return next;
    }
}
