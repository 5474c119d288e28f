package io.tributary.consumer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.EmbeddedBrokerExtension;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class GroupMemberOnTributaryTest extends GroupMemberSuite {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = EmbeddedBrokerExtension.create(b -> b
        .config("group.initial.rebalance.delay.ms", "0")
        .config("group.consumer.min.heartbeat.interval.ms", "500")
        .config("group.consumer.heartbeat.interval.ms", "1000")
        .config("group.consumer.min.session.timeout.ms", "3000")
        .config("group.consumer.session.timeout.ms", "4000"));

    @Override
    String bootstrapServers() {
        return BROKER.bootstrapServers();
    }

    /** Apache Kafka's consumer session timeout cannot go below 45 s, so this runs on Tributary alone. */
    @Test
    void aConsumerProtocolMemberWhoseHeartbeatsStopLosesItsPartitionsAndRejoins() {
        String topic = createTopic("fenced848", 6);
        String group = group();
        RecordingListener stuckListener = new RecordingListener();
        ConsumerProtocolMember stuck = (ConsumerProtocolMember) member(settings("consumer", group, null, "range"));
        GroupMember other = member(settings("consumer", group, null, "range"));
        stuck.start(new Subscription.Topics(Set.of(topic)), stuckListener);
        await("the first member owns all 6", () -> stuck.assignment().size() == 6);

        stuck.pauseHeartbeats(true);
        other.start(new Subscription.Topics(Set.of(topic)), new RecordingListener());
        await("the other member owns all 6 once the session expired", () -> other.assignment().size() == 6);
        assertThat(stuckListener.allLost()).isEmpty();
        stuck.pauseHeartbeats(false);

        await("the stuck member learns that it lost its partitions", () -> stuckListener.allLost().size() == 6);
        await("3 + 3 after it rejoined", () -> stuck.assignment().size() == 3 && other.assignment().size() == 3);
    }
}
