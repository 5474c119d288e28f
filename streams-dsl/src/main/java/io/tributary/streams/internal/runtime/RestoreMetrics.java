package io.tributary.streams.internal.runtime;

import io.tributary.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * What a changelog restore reports: one call per store partition restored. Without a Micrometer registry in the
 * client options this is a no-op; with one, {@link MicrometerRestoreMetrics} records it. Thread-safe.
 */
interface RestoreMetrics {
    /** Reports nothing. */
    RestoreMetrics NONE = (store, changelog, records, nanos) -> { };

    /** {@code records} changelog records of {@code changelog} were replayed into {@code store} in {@code nanos}. */
    void restored(String store, TopicPartition changelog, long records, long nanos);

    /** Metrics for {@code registry} (a Micrometer {@code MeterRegistry}), or {@link #NONE} when it is null. */
    static RestoreMetrics of(@Nullable Object registry, String applicationId) {
        return registry == null ? NONE : new MicrometerRestoreMetrics(registry, applicationId);
    }
}
