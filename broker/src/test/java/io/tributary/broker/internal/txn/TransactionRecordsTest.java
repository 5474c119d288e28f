package io.tributary.broker.internal.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.tributary.common.TopicPartition;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code __transaction_state} records: what is written reads back, and state bytes map as Kafka's do. */
final class TransactionRecordsTest {

    @Test
    void aStateReadsBackAsWritten() {
        Set<TopicPartition> partitions = Set.of(new TopicPartition("a", 0), new TopicPartition("a", 3),
            new TopicPartition("b", 1));
        TransactionSnapshot s = new TransactionSnapshot(42, -1, (short) 7, (short) -1, 60_000,
            TransactionState.PREPARE_COMMIT, partitions, 1000, 2000);
        TransactionRecords.Decoded d = TransactionRecords.decode(Unpooled.wrappedBuffer(TransactionRecords.key("t")),
            Unpooled.wrappedBuffer(TransactionRecords.value(s)));
        assertThat(d).isNotNull();
        assertThat(d.transactionalId()).isEqualTo("t");
        assertThat(d.value()).isEqualTo(s);
    }

    @Test
    void aNullValueIsATombstone() {
        TransactionRecords.Decoded d = TransactionRecords.decode(Unpooled.wrappedBuffer(TransactionRecords.key("t")),
            null);
        assertThat(d).isNotNull();
        assertThat(d.value()).isNull();
    }

    @Test
    void stateIdsAndNamesAreKafkas() {
        assertThat(TransactionState.forId((byte) 4)).isEqualTo(TransactionState.COMPLETE_COMMIT);
        assertThat(TransactionState.forId((byte) 7)).isEqualTo(TransactionState.PREPARE_EPOCH_FENCE);
        assertThat(TransactionState.forId((byte) 9)).isNull();
        assertThat(TransactionState.forName("PrepareAbort")).isEqualTo(TransactionState.PREPARE_ABORT);
        assertThat(TransactionState.ONGOING.displayName()).isEqualTo("Ongoing");
    }
}
