package io.tributary.connect.internal.runtime;

import io.tributary.connect.internal.errors.ErrantRecord;
import io.tributary.connect.internal.errors.RetryWithToleranceOperator;
import io.tributary.connect.internal.errors.Stage;
import io.tributary.connect.sink.SinkRecord;
import io.tributary.connect.storage.Converter;
import io.tributary.consumer.ReceivedRecord;
import reactor.core.publisher.Mono;

/**
 * Turns a consumed record into the {@link SinkRecord} a sink task gets: key, value and headers converted, then the
 * transforms applied, each step under the connector's {@code errors.*} handling. Used on the task's thread only.
 */
final class SinkRecordConverter {
    private final RecordConverters converters;
    private final RecordTransforms<SinkRecord> transforms;
    private final RetryWithToleranceOperator errors;

    SinkRecordConverter(RecordConverters converters, RecordTransforms<SinkRecord> transforms,
                        RetryWithToleranceOperator errors) {
        this.converters = converters;
        this.transforms = transforms;
        this.errors = errors;
    }

    /** The record for the task; empty if a transform dropped it or a failure was tolerated. */
    Mono<SinkRecord> prepare(ReceivedRecord<byte[], byte[]> r) {
        Converter keys = converters.key();
        Converter values = converters.value();
        String topic = r.topic();
        return errors.execute(Stage.KEY_CONVERTER, keys.getClass().getName(),
                () -> keys.toConnectData(topic, r.key()), () -> errant(r))
            .flatMap(key -> errors.execute(Stage.VALUE_CONVERTER, values.getClass().getName(),
                    () -> values.toConnectData(topic, r.value()), () -> errant(r))
                .flatMap(value -> errors.execute(Stage.HEADER_CONVERTER, converters.header().getClass().getName(),
                        () -> converters.toConnect(topic, r.headers()), () -> errant(r))
                    .map(headers -> new SinkRecord(topic, r.partition(), key.schema(), key.value(), value.schema(),
                        value.value(), r.offset(), r.timestamp() >= 0 ? r.timestamp() : null, headers))))
            .flatMap(record -> transforms.isEmpty() ? Mono.just(record)
                : errors.execute(Stage.TRANSFORMATION, transforms::failingClass, () -> transforms.apply(record),
                    () -> errant(r)));
    }

    /** Closes the converters that hold resources (the header converter). */
    void close() {
        converters.close();
    }

        /** A consumed record as reporters see it: exactly as read. */
    static ErrantRecord errant(ReceivedRecord<byte[], byte[]> r) {
        return new ErrantRecord(r.topic(), r.partition(), r.offset(), r.timestamp() >= 0 ? r.timestamp() : null,
            r.key(), r.value(), r.headers(), "consumed record {topic='" + r.topic() + "', partition="
                + r.partition() + ", offset=" + r.offset() + ", timestamp=" + r.timestamp() + "}");
    }
}
