package io.tributary.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The shared value types. */
final class CommonTypesTest {

    @Test
    void topicPartitionPrintsAsKafkaDoes() {
        assertThat(new TopicPartition("orders", 3)).hasToString("orders-3");
        assertThat(new TopicPartition("orders", 3)).isEqualTo(new TopicPartition("orders", 3));
        assertThatThrownBy(() -> new TopicPartition(null, 0)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void headersCompareValueBytes() {
        assertThat(new Header("k", new byte[] {1, 2})).isEqualTo(new Header("k", new byte[] {1, 2}))
            .hasSameHashCodeAs(new Header("k", new byte[] {1, 2}));
        assertThat(new Header("k", null)).isNotEqualTo(new Header("k", new byte[0]));
        assertThat(Header.of("k", "é").value()).hasSize(2);
        assertThatThrownBy(() -> new Header(null, null)).isInstanceOf(NullPointerException.class);
    }
}
