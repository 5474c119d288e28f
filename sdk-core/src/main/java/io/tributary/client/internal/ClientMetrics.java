package io.tributary.client.internal;

import io.tributary.protocol.ApiKey;
import org.jspecify.annotations.Nullable;

/**
 * What the connection layer reports: one call per completed request. Without a Micrometer registry this is a no-op;
 * with one, {@link MicrometerClientMetrics} records timers and counters. Implementations are thread-safe.
 */
public interface ClientMetrics {
    /** Reports nothing. */
    ClientMetrics NONE = (api, nanos, failed) -> { };

    /** A request of {@code api} took {@code nanos} from write to response, and failed or not. */
    void requestCompleted(ApiKey api, long nanos, boolean failed);

    /** Metrics for {@code registry} (a Micrometer {@code MeterRegistry}), or {@link #NONE} when it is null. */
    static ClientMetrics of(@Nullable Object registry, String clientId) {
        return registry == null ? NONE : new MicrometerClientMetrics(registry, clientId);
    }

    /** Whether {@code candidate} is a Micrometer {@code MeterRegistry}; false when Micrometer is absent. */
    static boolean isMeterRegistry(Object candidate) {
        try {
            Class<?> type = Class.forName("io.micrometer.core.instrument.MeterRegistry", false,
                candidate.getClass().getClassLoader());
            return type.isInstance(candidate);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
