package io.tributary.streams;

/**
 * How often an input record's effects may be applied ({@code processing.guarantee}).
 *
 * @since 0.1
 */
public enum ProcessingGuarantee {
    /**
     * The default: an input record is committed only after all of its outputs (sink and changelog records) were
     * written, so after a crash a record may be processed again, never lost.
     */
    AT_LEAST_ONCE,
    /**
     * Each input record's effects apply exactly once, for {@code read_committed} readers: the outputs, changelog
     * records and input offsets of a commit interval go into one transaction of the instance's transactional
     * producer, fenced by the consumer group's generation (KIP-447, as Kafka Streams' {@code exactly_once_v2}).
     * Inputs, changelogs and global topics are read {@code read_committed}. A failed transaction fails the
     * application; a restart restores the stores from what was committed. Needs brokers with transactions.
     */
    EXACTLY_ONCE_V2
}
