package io.tributary.broker.internal.txn;

import io.tributary.broker.BrokerConfig;

/**
 * The transaction coordinator's settings, with Kafka's names and defaults. Immutable.
 *
 * @param logPartitions      {@code transaction.state.log.num.partitions} (50)
 * @param maxTimeoutMs       {@code transaction.max.timeout.ms} (900000): the largest {@code transaction.timeout.ms}
 *                           a producer may ask for
 * @param abortCheckMs       {@code transaction.abort.timed.out.transaction.cleanup.interval.ms} (10000): how often
 *                           open transactions are checked against their timeout
 * @param idExpirationMs     {@code transactional.id.expiration.ms} (604800000): how long an idle transactional id is
 *                           kept
 * @param idExpirationCheckMs {@code transaction.remove.expired.transaction.cleanup.interval.ms} (3600000)
 */
public record TransactionConfig(int logPartitions, int maxTimeoutMs, long abortCheckMs, long idExpirationMs,
                                long idExpirationCheckMs) {

    /** The settings of a broker. */
    public static TransactionConfig from(BrokerConfig config) {
        return new TransactionConfig((Integer) config.value("transaction.state.log.num.partitions"),
            (Integer) config.value("transaction.max.timeout.ms"),
            ((Integer) config.value("transaction.abort.timed.out.transaction.cleanup.interval.ms")).longValue(),
            ((Integer) config.value("transactional.id.expiration.ms")).longValue(),
            ((Integer) config.value("transaction.remove.expired.transaction.cleanup.interval.ms")).longValue());
    }
}
