package io.tributary.connect.internal.runtime;

import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ParsedConfig;
import io.tributary.connect.config.Validator;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A source connector's exactly-once settings, with Kafka Connect's names; they matter only on a worker with
 * {@code exactly.once.source.support=enabled}.
 *
 * @param required {@code exactly.once.support=required}: refuse the connector unless it says it supports exactly
 *                 once ({@code requested}, the default, runs it in transactions all the same)
 * @param boundary {@code transaction.boundary}: where its transactions end
 * @param interval {@code transaction.boundary.interval.ms}, for {@link Boundary#INTERVAL}; null for the worker's
 *                 {@code offset.flush.interval.ms}
 */
public record SourceTransactionConfig(boolean required, Boundary boundary, @Nullable Duration interval) {
    public static final String EXACTLY_ONCE_SUPPORT = "exactly.once.support";
    public static final String TRANSACTION_BOUNDARY = "transaction.boundary";
    public static final String TRANSACTION_BOUNDARY_INTERVAL = "transaction.boundary.interval.ms";
    public static final String GROUP = "Exactly Once Support";

    /** Where a source task's transactions end. */
    public enum Boundary {
        /** After each batch of records the task emits together (see {@link TransactionBoundaries}). */
        POLL,
        /** Every {@code transaction.boundary.interval.ms}. */
        INTERVAL,
        /** Where the task says, through its {@link io.tributary.connect.source.TransactionContext}. */
        CONNECTOR
    }

    /** Adds the keys to a source connector's definition. */
    static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def
            .define(EXACTLY_ONCE_SUPPORT, ConfigDef.Type.STRING, "requested", Validator.in("requested", "required"),
                ConfigDef.Importance.MEDIUM, "requested or required. With required, the connector is refused "
                    + "unless it declares that it delivers exactly once with this configuration; with requested, "
                    + "it runs in transactions without that check.", GROUP, ++order, ConfigDef.Width.SHORT,
                "Exactly once support")
            .define(TRANSACTION_BOUNDARY, ConfigDef.Type.STRING, "poll", Validator.in("poll", "interval",
                    "connector"), ConfigDef.Importance.MEDIUM, "poll, interval or connector: where a task's "
                    + "transactions end. poll: after each batch of records the task emits together; interval: every "
                    + "transaction.boundary.interval.ms; connector: where the task's TransactionContext says.",
                GROUP, ++order, ConfigDef.Width.SHORT, "Transaction Boundary")
            .define(TRANSACTION_BOUNDARY_INTERVAL, ConfigDef.Type.LONG, null,
                SourceTransactionConfig::unsetOrNotNegative, ConfigDef.Importance.LOW, "With "
                    + "transaction.boundary=interval, how often a task commits its transaction, in milliseconds; "
                    + "unset for the worker's offset.flush.interval.ms.", GROUP, ++order, ConfigDef.Width.SHORT,
                "Transaction boundary interval");
    }

    private static void unsetOrNotNegative(String name, @Nullable Object value) {
        if (value != null) {
            Validator.atLeast(0).ensureValid(name, value);
        }
    }

    /** The settings of a configuration parsed with a definition that {@link #define}d them. */
    static SourceTransactionConfig from(ParsedConfig config) {
        Long interval = config.getLong(TRANSACTION_BOUNDARY_INTERVAL);
        return new SourceTransactionConfig("required".equals(config.getString(EXACTLY_ONCE_SUPPORT)),
            Boundary.valueOf(String.valueOf(config.getString(TRANSACTION_BOUNDARY)).toUpperCase(Locale.ROOT)),
            interval == null ? null : Duration.ofMillis(interval));
    }
}
