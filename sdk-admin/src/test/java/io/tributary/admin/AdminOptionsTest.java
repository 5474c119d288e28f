package io.tributary.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.client.ClientOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class AdminOptionsTest {

    @Test
    void fromPropertiesRejectsAnUnknownKeyNamingIt() {
        assertThatThrownBy(() -> AdminOptions.fromProperties(Map.of("bootstrap.servers", "localhost:9092",
                "retention.ms", "1000")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("retention.ms");
    }

    @Test
    void fromPropertiesNamesEveryUnknownKey() {
        assertThatThrownBy(() -> AdminOptions.fromProperties(Map.of("bootstrap.servers", "localhost:9092",
                "acks", "all", "linger.ms", "5")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("acks")
            .hasMessageContaining("linger.ms");
    }

    @Test
    void fromPropertiesMapsClientKeysOntoTheEmbeddedClientOptions() {
        AdminOptions options = AdminOptions.fromProperties(Map.of(
            "bootstrap.servers", "a:9092,b:9093",
            "client.id", "ops",
            "default.api.timeout.ms", 5000,
            "request.timeout.ms", "2000"));
        assertThat(options.client().bootstrapServers()).containsExactly("a:9092", "b:9093");
        assertThat(options.client().clientId()).isEqualTo("ops");
        assertThat(options.client().apiTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.client().requestTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.operationTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void fromPropertiesRequiresBootstrapServersAndNamesABadValue() {
        assertThatThrownBy(() -> AdminOptions.fromProperties(Map.of("client.id", "ops")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("bootstrap.servers");
        assertThatThrownBy(() -> AdminOptions.fromProperties(Map.of("bootstrap.servers", "localhost:9092",
                "retry.backoff.ms", "soon")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("retry.backoff.ms");
    }

    @Test
    void settersReturnCopiesAndLeaveTheTemplateAlone() {
        AdminOptions template = AdminOptions.create(ClientOptions.create("localhost:9092"));
        AdminOptions changed = template.operationTimeout(Duration.ofSeconds(5)).closeTimeout(Duration.ZERO);
        assertThat(template.operationTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(template.closeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(changed.operationTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(changed.closeTimeout()).isEqualTo(Duration.ZERO);
        assertThat(changed.client()).isSameAs(template.client());
    }

    @Test
    void settersRejectBadValuesNamingTheSetting() {
        AdminOptions options = AdminOptions.create(ClientOptions.create("localhost:9092"));
        assertThatThrownBy(() -> options.operationTimeout(Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("operationTimeout");
        assertThatThrownBy(() -> options.closeTimeout(Duration.ofSeconds(-1)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("closeTimeout");
        assertThatThrownBy(() -> AdminOptions.create(null))
            .isInstanceOf(NullPointerException.class);
    }
}
