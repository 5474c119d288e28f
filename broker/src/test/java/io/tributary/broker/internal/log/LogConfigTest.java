package io.tributary.broker.internal.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.internal.log.LogConfig.CleanupPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class LogConfigTest {
    @Test
    void defaultsAreKafkas() {
        LogConfig c = LogConfig.defaults();
        assertThat(c.segmentBytes()).isEqualTo(1_073_741_824);
        assertThat(c.segmentMs()).isEqualTo(604_800_000L);
        assertThat(c.segmentIndexBytes()).isEqualTo(10_485_760);
        assertThat(c.indexIntervalBytes()).isEqualTo(4096);
        assertThat(c.retentionMs()).isEqualTo(604_800_000L);
        assertThat(c.retentionBytes()).isEqualTo(-1);
        assertThat(c.cleanupPolicy()).isEqualTo(CleanupPolicy.DELETE);
        assertThat(c.deleteRetentionMs()).isEqualTo(86_400_000L);
        assertThat(c.minCleanableDirtyRatio()).isEqualTo(0.5);
        assertThat(c.minCompactionLagMs()).isZero();
        assertThat(c.maxCompactionLagMs()).isEqualTo(Long.MAX_VALUE);
        assertThat(c.flushMessages()).isEqualTo(Long.MAX_VALUE);
        assertThat(c.flushMs()).isEqualTo(Long.MAX_VALUE);
        assertThat(c.fileDeleteDelayMs()).isEqualTo(60_000);
        assertThat(c.preallocate()).isFalse();
    }

    @Test
    void settersCopyAndValidate() {
        LogConfig base = LogConfig.defaults();
        LogConfig changed = base.segmentBytes(4096).retentionMs(-1).flushMessages(1);
        assertThat(changed.segmentBytes()).isEqualTo(4096);
        assertThat(changed.retentionMs()).isEqualTo(-1);
        assertThat(base.segmentBytes()).isEqualTo(1 << 30);
        assertThatThrownBy(() -> base.segmentBytes(0)).hasMessageContaining("segmentBytes must be positive");
        assertThatThrownBy(() -> base.retentionMs(-2)).hasMessageContaining("retentionMs");
        assertThatThrownBy(() -> base.minCleanableDirtyRatio(1.5)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> base.flushMessages(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void appliesKafkaTopicConfigNames() {
        LogConfig c = LogConfig.defaults().with(Map.of("segment.bytes", "2048", "cleanup.policy", "compact, delete",
            "retention.ms", "-1", "min.cleanable.dirty.ratio", "0.1", "preallocate", "true",
            "max.message.bytes", "100"));
        assertThat(c.segmentBytes()).isEqualTo(2048);
        assertThat(c.cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT_DELETE);
        assertThat(c.retentionMs()).isEqualTo(-1);
        assertThat(c.minCleanableDirtyRatio()).isEqualTo(0.1);
        assertThat(c.preallocate()).isTrue();
        assertThatThrownBy(() -> LogConfig.defaults().with(Map.of("segment.ms", "soon")))
            .hasMessageContaining("segment.ms");
    }

    @Test
    void parsesCleanupPolicies() {
        assertThat(CleanupPolicy.parse("delete")).isEqualTo(CleanupPolicy.DELETE);
        assertThat(CleanupPolicy.parse("compact")).isEqualTo(CleanupPolicy.COMPACT);
        assertThat(CleanupPolicy.parse("delete,compact")).isEqualTo(CleanupPolicy.COMPACT_DELETE);
        assertThat(CleanupPolicy.COMPACT.deletes()).isFalse();
        assertThat(CleanupPolicy.COMPACT_DELETE.compacts()).isTrue();
        assertThatThrownBy(() -> CleanupPolicy.parse("shred")).isInstanceOf(IllegalArgumentException.class);
    }
}
