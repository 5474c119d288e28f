package io.tributary.consumer;

import static java.util.Objects.requireNonNull;

import io.tributary.common.Header;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.TributaryProducer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * What the consumer does with a record it cannot deserialize, instead of ending the stream
 * ({@link ConsumerOptions#deadLetterHandler}). The record is not emitted; its offset counts as acknowledged once the
 * returned {@code Mono} completes, so a crash before that hands it to the handler again (at-least-once). If the
 * {@code Mono} fails, the stream ends with that error.
 *
 * <pre>{@code
 * options.deadLetterHandler(DeadLetterHandler.toTopic(bytesProducer, "orders.DLT"))
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface DeadLetterHandler {
    /** Header naming the topic the record came from; the partition, offset and error follow the same pattern. */
    String ORIGINAL_TOPIC = "tributary.dlt.original.topic";
    String ORIGINAL_PARTITION = "tributary.dlt.original.partition";
    String ORIGINAL_OFFSET = "tributary.dlt.original.offset";
    String EXCEPTION = "tributary.dlt.exception";
    String EXCEPTION_MESSAGE = "tributary.dlt.exception.message";

    Mono<Void> handle(DeserializationFailure failure);

    /** Logs the failure at WARN and goes on. */
    static DeadLetterHandler logAndSkip() {
        Logger log = LoggerFactory.getLogger(DeadLetterHandler.class);
        return failure -> Mono.fromRunnable(() -> log.warn("Skipping the record at offset {} of {}: {}",
            failure.offset(), failure.topicPartition(), failure.cause().toString()));
    }

    /**
     * Writes the record's original key, value, timestamp and headers to {@code topic}, with headers naming where it
     * came from and why it failed ({@link #ORIGINAL_TOPIC} and the others); the consumer goes on once the dead
     * letter is acknowledged by the broker.
     */
    static DeadLetterHandler toTopic(TributaryProducer<byte[], byte[]> producer, String topic) {
        requireNonNull(producer, "producer");
        requireNonNull(topic, "topic");
        return failure -> producer.send(ProducerRecord.of(topic, failure.key(), failure.value())
                .timestamp(failure.timestamp())
                .headers(deadLetterHeaders(failure)))
            .then();
    }

    private static List<Header> deadLetterHeaders(DeserializationFailure failure) {
        List<Header> headers = new ArrayList<>(failure.headers());
        headers.add(header(ORIGINAL_TOPIC, failure.topicPartition().topic()));
        headers.add(header(ORIGINAL_PARTITION, Integer.toString(failure.topicPartition().partition())));
        headers.add(header(ORIGINAL_OFFSET, Long.toString(failure.offset())));
        Throwable cause = failure.cause();
        headers.add(header(EXCEPTION, cause.getClass().getName()));
        headers.add(header(EXCEPTION_MESSAGE, String.valueOf(cause.getMessage())));
        return headers;
    }

    private static Header header(String key, String value) {
        return new Header(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
