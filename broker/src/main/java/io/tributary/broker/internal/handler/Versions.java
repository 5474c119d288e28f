package io.tributary.broker.internal.handler;

import io.tributary.protocol.VersionRange;

/**
 * The version range the broker advertises for each API, declared once (PROTOCOL.md 2.3). Produce is advertised from
 * v0 for librdkafka's compression check although v0-2 are refused (KAFKA-18659).
 */
public final class Versions {
    public static final VersionRange PRODUCE = VersionRange.of(0, 13);
    public static final VersionRange FETCH = VersionRange.of(4, 18);
    public static final VersionRange LIST_OFFSETS = VersionRange.of(1, 10);
    public static final VersionRange METADATA = VersionRange.of(0, 13);
    public static final VersionRange API_VERSIONS = VersionRange.of(0, 4);
    public static final VersionRange CREATE_TOPICS = VersionRange.of(2, 7);
    public static final VersionRange DELETE_TOPICS = VersionRange.of(1, 6);
    public static final VersionRange DELETE_RECORDS = VersionRange.of(0, 2);
    public static final VersionRange OFFSET_FOR_LEADER_EPOCH = VersionRange.of(2, 4);
    public static final VersionRange DESCRIBE_CONFIGS = VersionRange.of(1, 4);
    public static final VersionRange ALTER_CONFIGS = VersionRange.of(0, 2);
    public static final VersionRange DESCRIBE_LOG_DIRS = VersionRange.of(1, 4);
    public static final VersionRange CREATE_PARTITIONS = VersionRange.of(0, 3);
    public static final VersionRange INCREMENTAL_ALTER_CONFIGS = VersionRange.of(0, 1);
    public static final VersionRange DESCRIBE_CLUSTER = VersionRange.of(0, 2);
    public static final VersionRange INIT_PRODUCER_ID = VersionRange.of(0, 5);
    public static final VersionRange FIND_COORDINATOR = VersionRange.of(0, 6);
    public static final VersionRange JOIN_GROUP = VersionRange.of(0, 9);
    public static final VersionRange SYNC_GROUP = VersionRange.of(0, 5);
    public static final VersionRange HEARTBEAT = VersionRange.of(0, 4);
    public static final VersionRange LEAVE_GROUP = VersionRange.of(0, 5);
    public static final VersionRange OFFSET_COMMIT = VersionRange.of(2, 9);
    public static final VersionRange OFFSET_FETCH = VersionRange.of(1, 9);
    public static final VersionRange LIST_GROUPS = VersionRange.of(0, 5);
    public static final VersionRange DESCRIBE_GROUPS = VersionRange.of(0, 6);
    public static final VersionRange DELETE_GROUPS = VersionRange.of(0, 2);
    public static final VersionRange OFFSET_DELETE = VersionRange.of(0, 0);
    public static final VersionRange CONSUMER_GROUP_HEARTBEAT = VersionRange.of(0, 1);
    public static final VersionRange CONSUMER_GROUP_DESCRIBE = VersionRange.of(0, 1);
    // Transactions: AddPartitionsToTxn v4+ are broker-to-coordinator calls; Produce v12, EndTxn v5 and
    // TxnOffsetCommit v5 are transactions V2 (KIP-890), which ApiVersions announces as transaction.version 2.
    public static final VersionRange ADD_PARTITIONS_TO_TXN = VersionRange.of(0, 3);
    public static final VersionRange ADD_OFFSETS_TO_TXN = VersionRange.of(0, 4);
    public static final VersionRange END_TXN = VersionRange.of(0, 5);
    public static final VersionRange TXN_OFFSET_COMMIT = VersionRange.of(0, 5);
    public static final VersionRange DESCRIBE_PRODUCERS = VersionRange.of(0, 0);
    public static final VersionRange DESCRIBE_TRANSACTIONS = VersionRange.of(0, 0);
    public static final VersionRange LIST_TRANSACTIONS = VersionRange.of(0, 2);
    public static final VersionRange WRITE_TXN_MARKERS = VersionRange.of(1, 2);

    private Versions() {
    }
}
