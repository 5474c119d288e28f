package io.tributary.streams.internal.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tributary.common.TopicPartition;
import java.util.concurrent.TimeUnit;

/**
 * Restore metrics on Micrometer, tagged with the application id and the store: a counter
 * {@code tributary.streams.restore.records}, a timer {@code tributary.streams.restore.time} (one sample per store
 * partition restored) and a summary {@code tributary.streams.restore.rate} of records per second. Loaded only when a
 * registry is configured, so Micrometer stays optional. Thread-safe.
 */
final class MicrometerRestoreMetrics implements RestoreMetrics {
    private final MeterRegistry meters;
    private final String applicationId;

    MicrometerRestoreMetrics(Object registry, String applicationId) {
        this.meters = (MeterRegistry) registry;
        this.applicationId = applicationId;
    }

    @Override
    public void restored(String store, TopicPartition changelog, long records, long nanos) {
        Counter.builder("tributary.streams.restore.records")
            .description("Changelog records replayed into state stores")
            .tag("application.id", applicationId)
            .tag("store", store)
            .register(meters)
            .increment(records);
        Timer.builder("tributary.streams.restore.time")
            .description("Time to restore a store partition from its changelog")
            .tag("application.id", applicationId)
            .tag("store", store)
            .register(meters)
            .record(nanos, TimeUnit.NANOSECONDS);
        DistributionSummary.builder("tributary.streams.restore.rate")
            .description("Restore throughput of a store partition")
            .baseUnit("records/s")
            .tag("application.id", applicationId)
            .tag("store", store)
            .register(meters)
            .record(records * 1e9 / Math.max(1, nanos));
    }
}
