package io.tributary.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.client.ClientOptions;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class ClientMetricsTest {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create();

    @Test
    void requestsAreTimedPerApiInTheGivenRegistry() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ClientRuntime runtime = new ClientRuntime(ClientOptions.create(BROKER.bootstrapServers())
            .clientId("metered")
            .meterRegistry(registry));
        runtime.refreshMetadata(List.of(), false).block(Duration.ofSeconds(30));
        runtime.refreshMetadata(List.of(), false).block(Duration.ofSeconds(30));
        runtime.close();
        Timer metadata = registry.find("tributary.client.requests").tag("api", "Metadata")
            .tag("client.id", "metered").tag("outcome", "success").timer();
        assertThat(metadata).isNotNull();
        assertThat(metadata.count()).isEqualTo(2);
        assertThat(registry.find("tributary.client.requests").tag("api", "ApiVersions").timer()).isNotNull();
    }

    @Test
    void aRegistryThatIsNoMicrometerRegistryIsRejected() {
        assertThatThrownBy(() -> ClientOptions.create("localhost:9092").meterRegistry("not a registry"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("MeterRegistry");
    }
}
