package io.tributary.broker.internal.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.tributary.common.TopicPartition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The record formats of {@code __consumer_offsets} and the group-to-partition rule. */
final class CoordinatorRecordsTest {
    @Test
    void groupsMapToPartitionsAsKafkaDoes() {
        assertThat(OffsetsTopic.partitionFor("my-group", 50)).isEqualTo(12);
        assertThat(OffsetsTopic.partitionFor("group1", 50)).isEqualTo(40);
        // "polygenelubricants".hashCode() == Integer.MIN_VALUE, whose abs is taken as 0.
        assertThat("polygenelubricants".hashCode()).isEqualTo(Integer.MIN_VALUE);
        assertThat(OffsetsTopic.partitionFor("polygenelubricants", 50)).isZero();
    }

    @Test
    void offsetCommitKeyAndValueV3HaveKafkasLayout() {
        CoordinatorRecord r = new CoordinatorRecord.Offset("g", new TopicPartition("t", 3),
            new CommittedOffset(42, 5, "md", 1000));
        assertThat(CoordinatorRecords.key(r)).containsExactly(0, 1, 0, 1, 'g', 0, 1, 't', 0, 0, 0, 3);
        assertThat(CoordinatorRecords.value(r)).containsExactly(0, 3, 0, 0, 0, 0, 0, 0, 0, 42, 0, 0, 0, 5,
            0, 2, 'm', 'd', 0, 0, 0, 0, 0, 0, 0x03, (byte) 0xe8);
        assertThat(roundTrip(r)).isEqualTo(r);
    }

    @Test
    void groupMetadataRoundTripsAndTombstonesHaveNoValue() {
        GroupSnapshot snapshot = new GroupSnapshot("consumer", 3, "range", "m1", 99, List.of(
            new GroupSnapshot.MemberSnapshot("m1", "i1", "client", "/127.0.0.1", 300_000, 45_000,
                new byte[] {1, 2}, new byte[] {3})));
        CoordinatorRecord.Group decoded = (CoordinatorRecord.Group) roundTrip(new CoordinatorRecord.Group("g",
            snapshot));
        GroupSnapshot back = decoded.value();
        assertThat(back.protocolType()).isEqualTo("consumer");
        assertThat(back.generationId()).isEqualTo(3);
        assertThat(back.protocolName()).isEqualTo("range");
        assertThat(back.leaderId()).isEqualTo("m1");
        assertThat(back.currentStateTimestamp()).isEqualTo(99);
        GroupSnapshot.MemberSnapshot m = back.members().get(0);
        assertThat(m.groupInstanceId()).isEqualTo("i1");
        assertThat(m.rebalanceTimeoutMs()).isEqualTo(300_000);
        assertThat(m.sessionTimeoutMs()).isEqualTo(45_000);
        assertThat(m.subscription()).containsExactly(1, 2);
        assertThat(m.assignment()).containsExactly(3);

        CoordinatorRecord empty = new CoordinatorRecord.Group("g", new GroupSnapshot("", 4, null, null, 5,
            List.of()));
        assertThat(roundTrip(empty)).isEqualTo(empty);
        CoordinatorRecord tombstone = new CoordinatorRecord.Group("g", null);
        assertThat(CoordinatorRecords.value(tombstone)).isNull();
        assertThat(roundTrip(tombstone)).isEqualTo(tombstone);
    }

    @Test
    void unknownRecordTypesAreSkipped() {
        assertThat(CoordinatorRecords.decode(Unpooled.wrappedBuffer(new byte[] {0, 4, 0, 1, 'g'}), null)).isNull();
    }

    private static CoordinatorRecord roundTrip(CoordinatorRecord r) {
        byte[] value = CoordinatorRecords.value(r);
        return CoordinatorRecords.decode(Unpooled.wrappedBuffer(CoordinatorRecords.key(r)),
            value == null ? null : Unpooled.wrappedBuffer(value));
    }
}
