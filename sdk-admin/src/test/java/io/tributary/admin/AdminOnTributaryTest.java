package io.tributary.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.TopicPartition;
import io.tributary.protocol.UnsupportedVersionException;
import io.tributary.testkit.EmbeddedBrokerExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/** The admin suite against Tributary's embedded broker, plus the APIs that broker does not offer yet. */
final class AdminOnTributaryTest extends AdminSuite {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create();

    @Override
    String bootstrapServers() {
        return BROKER.bootstrapServers();
    }

    @Test
    void describeProducersFailsClearlyWhileTheBrokerDoesNotOfferIt() {
        String topic = createTopic("producers", 1);
        StepVerifier.create(admin.describeProducers(List.of(new TopicPartition(topic, 0))))
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(UnsupportedVersionException.class)
                .hasMessageContaining("DescribeProducers"))
            .verify(TIMEOUT);
    }

    @Test
    void listTransactionsFailsClearlyWhileTheBrokerDoesNotOfferIt() {
        StepVerifier.create(admin.listTransactions())
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(UnsupportedVersionException.class)
                .hasMessageContaining("ListTransactions"))
            .verify(TIMEOUT);
    }
}
