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
    /** Transactions around outputs and offsets. Not supported yet: {@link TributaryStreams#create} rejects it. */
    EXACTLY_ONCE_V2
}
