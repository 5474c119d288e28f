package io.tributary.client.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tributary.protocol.ApiKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Client metrics on Micrometer: a timer {@code tributary.client.requests} per API and outcome, tagged with the client
 * id. Loaded only when a registry is configured, so Micrometer stays optional. Thread-safe.
 */
final class MicrometerClientMetrics implements ClientMetrics {
    private final Map<ApiKey, Timer> ok = new ConcurrentHashMap<>();
    private final Map<ApiKey, Timer> failed = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final String clientId;

    MicrometerClientMetrics(Object registry, String clientId) {
        this.meters = (MeterRegistry) registry;
        this.clientId = clientId;
    }

    private static Timer timer(MeterRegistry meters, String clientId, ApiKey api, String outcome) {
        return Timer.builder("tributary.client.requests")
            .description("Kafka requests from write to response")
            .tag("client.id", clientId)
            .tag("api", api.apiName())
            .tag("outcome", outcome)
            .register(meters);
    }

    @Override
    public void requestCompleted(ApiKey api, long nanos, boolean failedRequest) {
        Map<ApiKey, Timer> timers = failedRequest ? failed : ok;
        timers.computeIfAbsent(api, a -> timer(meters, clientId, a, failedRequest ? "error" : "success"))
            .record(nanos, TimeUnit.NANOSECONDS);
    }
}
