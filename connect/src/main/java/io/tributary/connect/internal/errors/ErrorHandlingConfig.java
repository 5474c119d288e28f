package io.tributary.connect.internal.errors;

import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ParsedConfig;
import io.tributary.connect.config.Validator;
import java.time.Duration;
import java.util.Objects;

/**
 * A connector's {@code errors.*} settings, with Kafka Connect's names and defaults.
 *
 * @param tolerateAll        {@code errors.tolerance=all}: skip records that fail conversion or transformation
 * @param retryTimeout       {@code errors.retry.timeout}: how long a retriable failure is retried (zero: never;
 *                           negative: forever)
 * @param retryDelayMax      {@code errors.retry.delay.max.ms}: the longest wait between two attempts
 * @param logEnable          {@code errors.log.enable}: log every failure
 * @param logIncludeMessages {@code errors.log.include.messages}: with the record's content
 * @param dlqTopic           {@code errors.deadletterqueue.topic.name}: where skipped records go; empty for nowhere
 * @param dlqReplication     {@code errors.deadletterqueue.topic.replication.factor}, if the topic is created
 * @param dlqContextHeaders  {@code errors.deadletterqueue.context.headers.enable}: add {@code __connect.errors.*}
 *                           headers to dead letters
 */
public record ErrorHandlingConfig(boolean tolerateAll, Duration retryTimeout, Duration retryDelayMax,
                                  boolean logEnable, boolean logIncludeMessages, String dlqTopic,
                                  short dlqReplication, boolean dlqContextHeaders) {
    public static final String TOLERANCE = "errors.tolerance";
    public static final String RETRY_TIMEOUT = "errors.retry.timeout";
    public static final String RETRY_DELAY_MAX = "errors.retry.delay.max.ms";
    public static final String LOG_ENABLE = "errors.log.enable";
    public static final String LOG_INCLUDE_MESSAGES = "errors.log.include.messages";
    public static final String DLQ_TOPIC = "errors.deadletterqueue.topic.name";
    public static final String DLQ_REPLICATION = "errors.deadletterqueue.topic.replication.factor";
    public static final String DLQ_CONTEXT_HEADERS = "errors.deadletterqueue.context.headers.enable";
    public static final String GROUP = "Error Handling";

    /** No retries, no tolerance, no reporting: the defaults. */
    public static final ErrorHandlingConfig DEFAULT = new ErrorHandlingConfig(false, Duration.ZERO,
        Duration.ofMinutes(1), false, false, "", (short) 3, false);

    public ErrorHandlingConfig {
        Objects.requireNonNull(retryTimeout, "retryTimeout");
        Objects.requireNonNull(retryDelayMax, "retryDelayMax");
        Objects.requireNonNull(dlqTopic, "dlqTopic");
    }

    /** Whether skipped records go to a dead-letter topic. */
    public boolean hasDeadLetterQueue() {
        return !dlqTopic.isEmpty();
    }

    /** Adds the {@code errors.*} keys to {@code def}. */
    public static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def
            .define(RETRY_TIMEOUT, ConfigDef.Type.LONG, 0L, null, ConfigDef.Importance.MEDIUM,
                "The maximum duration in milliseconds that a failed operation will be reattempted. The default is 0, "
                    + "which means no retries will be attempted. Use -1 for infinite retries.", GROUP, ++order,
                ConfigDef.Width.MEDIUM, "Retry Timeout for Errors")
            .define(RETRY_DELAY_MAX, ConfigDef.Type.LONG, 60000L, Validator.atLeast(1), ConfigDef.Importance.MEDIUM,
                "The maximum duration in milliseconds between consecutive retry attempts.", GROUP, ++order,
                ConfigDef.Width.MEDIUM, "Maximum Delay Between Retries for Errors")
            .define(TOLERANCE, ConfigDef.Type.STRING, "none", Validator.in("none", "all"), ConfigDef.Importance.MEDIUM,
                "Behavior for tolerating errors during connector operation. 'none' is the default value and signals "
                    + "that any error will result in an immediate connector task failure; 'all' changes the "
                    + "behavior to skip over problematic records.", GROUP, ++order, ConfigDef.Width.SHORT,
                "Error Tolerance")
            .define(LOG_ENABLE, ConfigDef.Type.BOOLEAN, false, null, ConfigDef.Importance.MEDIUM,
                "If true, write each error and the details of the failed operation and problematic record to the "
                    + "Connect application log.", GROUP, ++order, ConfigDef.Width.SHORT, "Log Errors")
            .define(LOG_INCLUDE_MESSAGES, ConfigDef.Type.BOOLEAN, false, null, ConfigDef.Importance.MEDIUM,
                "Whether to include in the log the Connect record that resulted in a failure.", GROUP, ++order,
                ConfigDef.Width.SHORT, "Log Error Details")
            .define(DLQ_TOPIC, ConfigDef.Type.STRING, "", null, ConfigDef.Importance.MEDIUM,
                "The name of the topic to be used as the dead letter queue (DLQ) for messages that result in an "
                    + "error when processed by this connector, its transformations or converters. The topic name "
                    + "is blank by default, which means that no messages are to be recorded in the DLQ.", GROUP,
                ++order, ConfigDef.Width.MEDIUM, "Dead Letter Queue Topic Name")
            .define(DLQ_REPLICATION, ConfigDef.Type.SHORT, (short) 3, Validator.between(-1, Short.MAX_VALUE),
                ConfigDef.Importance.MEDIUM, "Replication factor used to create the dead letter queue topic when it "
                    + "doesn't already exist; -1 for the broker's default.", GROUP, ++order, ConfigDef.Width.MEDIUM,
                "Dead Letter Queue Topic Replication Factor")
            .define(DLQ_CONTEXT_HEADERS, ConfigDef.Type.BOOLEAN, false, null, ConfigDef.Importance.MEDIUM,
                "If true, add headers containing error context to the messages written to the dead letter queue.",
                GROUP, ++order, ConfigDef.Width.MEDIUM, "Enable Error Context Headers");
    }

    /** The settings of a configuration parsed with a definition that {@link #define}d them. */
    public static ErrorHandlingConfig from(ParsedConfig config) {
        long timeout = config.getLong(RETRY_TIMEOUT);
        return new ErrorHandlingConfig("all".equals(config.getString(TOLERANCE)),
            timeout < 0 ? Duration.ofMillis(-1) : Duration.ofMillis(timeout),
            Duration.ofMillis(config.getLong(RETRY_DELAY_MAX)), config.getBoolean(LOG_ENABLE),
            config.getBoolean(LOG_INCLUDE_MESSAGES), String.valueOf(config.getString(DLQ_TOPIC)).trim(),
            config.getShort(DLQ_REPLICATION), config.getBoolean(DLQ_CONTEXT_HEADERS));
    }
}
