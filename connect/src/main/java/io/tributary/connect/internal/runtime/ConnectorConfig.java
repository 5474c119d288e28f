package io.tributary.connect.internal.runtime;

import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ConfigException;
import io.tributary.connect.config.ParsedConfig;
import io.tributary.connect.config.Validator;
import io.tributary.connect.internal.errors.ErrorHandlingConfig;
import io.tributary.connect.sink.SinkConnector;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * The settings the runtime reads from every connector configuration, with Kafka Connect's names: {@code name},
 * {@code connector.class}, {@code tasks.max}, {@code key.converter} and {@code value.converter} (overriding the
 * worker's, with their own prefixed settings), {@code transforms}, {@code predicates}, the {@code errors.*} settings
 * and, for sink connectors, {@code topics} or {@code topics.regex}. Client settings may be overridden per connector
 * with {@code producer.override.*} and {@code consumer.override.*}. Immutable.
 */
public final class ConnectorConfig {
    public static final String NAME = "name";
    public static final String CONNECTOR_CLASS = "connector.class";
    public static final String TASKS_MAX = "tasks.max";
    public static final String KEY_CONVERTER = "key.converter";
    public static final String VALUE_CONVERTER = "value.converter";
    public static final String HEADER_CONVERTER = "header.converter";
    public static final String TRANSFORMS = "transforms";
    public static final String PREDICATES = "predicates";
    public static final String TOPICS = SinkConnector.TOPICS_CONFIG;
    public static final String TOPICS_REGEX = SinkConnector.TOPICS_REGEX_CONFIG;
    public static final String COMMON_GROUP = "Common";
    public static final String TRANSFORMS_GROUP = "Transforms";
    public static final String PREDICATES_GROUP = "Predicates";

    private final ParsedConfig parsed;
    private final boolean sink;

    /** @throws ConfigException naming the first missing or invalid setting */
    public ConnectorConfig(Map<String, String> props, boolean sink) {
        this.parsed = definition(sink).parse(props);
        this.sink = sink;
        if (sink) {
            List<String> errors = sinkTopicErrors(props);
            if (!errors.isEmpty()) {
                throw new ConfigException(errors.get(0));
            }
        }
    }

    /** The runtime's keys of a source or sink connector configuration. */
    public static ConfigDef definition(boolean sink) {
        int order = 0;
        ConfigDef def = new ConfigDef()
            .define(NAME, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validator.nonEmptyString(),
                ConfigDef.Importance.HIGH, "Globally unique name to use for this connector.", COMMON_GROUP, ++order,
                ConfigDef.Width.MEDIUM, "Connector name")
            .define(CONNECTOR_CLASS, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validator.nonEmptyString(),
                ConfigDef.Importance.HIGH, "Name or alias of the class for this connector. Must be a subclass of "
                    + "io.tributary.connect.Connector.", COMMON_GROUP, ++order, ConfigDef.Width.LONG,
                "Connector class")
            .define(TASKS_MAX, ConfigDef.Type.INT, 1, Validator.atLeast(1), ConfigDef.Importance.HIGH,
                "Maximum number of tasks to use for this connector.", COMMON_GROUP, ++order, ConfigDef.Width.SHORT,
                "Tasks max")
            .define(KEY_CONVERTER, ConfigDef.Type.STRING, null, null, ConfigDef.Importance.LOW,
                "Converter class used to convert between Kafka Connect format and the serialized form that is "
                    + "written to Kafka. This controls the format of the keys in messages.", COMMON_GROUP, ++order,
                ConfigDef.Width.SHORT, "Key converter class")
            .define(VALUE_CONVERTER, ConfigDef.Type.STRING, null, null, ConfigDef.Importance.LOW,
                "Converter class used to convert between Kafka Connect format and the serialized form that is "
                    + "written to Kafka. This controls the format of the values in messages.", COMMON_GROUP, ++order,
                ConfigDef.Width.SHORT, "Value converter class")
            .define(HEADER_CONVERTER, ConfigDef.Type.STRING, null, null, ConfigDef.Importance.LOW,
                "The HeaderConverter that turns record header values into bytes and back; unset for the worker's "
                    + "header.converter (by default SimpleHeaderConverter).", COMMON_GROUP, ++order,
                ConfigDef.Width.SHORT, "Header converter class")
            .define(TRANSFORMS, ConfigDef.Type.LIST, "", null, ConfigDef.Importance.LOW,
                "Aliases for the transformations to be applied to records.", TRANSFORMS_GROUP, 1,
                ConfigDef.Width.LONG, "Transforms")
            .define(PREDICATES, ConfigDef.Type.LIST, "", null, ConfigDef.Importance.LOW,
                "Aliases for the predicates used by transformations.", PREDICATES_GROUP, 1, ConfigDef.Width.LONG,
                "Predicates");
        if (sink) {
            def.define(TOPICS, ConfigDef.Type.LIST, "", null, ConfigDef.Importance.HIGH, "List of topics to consume, "
                    + "separated by commas", COMMON_GROUP, ++order, ConfigDef.Width.LONG, "Topics")
                .define(TOPICS_REGEX, ConfigDef.Type.STRING, "", ConnectorConfig::validRegex,
                    ConfigDef.Importance.HIGH, "Regular expression giving topics to consume. Only one of topics or "
                        + "topics.regex should be specified.", COMMON_GROUP, ++order, ConfigDef.Width.LONG,
                    "Topics regex");
        }
        return ErrorHandlingConfig.define(sink ? def : SourceTransactionConfig.define(def));
    }

    private static void validRegex(String name, @Nullable Object value) {
        if (value != null && !value.toString().isEmpty()) {
            try {
                Pattern.compile(value.toString());
            } catch (PatternSyntaxException e) {
                throw new ConfigException(name, value, "Must be a valid regular expression: " + e.getDescription());
            }
        }
    }

    /**
     * The errors of a sink configuration's topic settings: exactly one of {@code topics} and {@code topics.regex}
     * must be set, and the dead-letter topic must not be read.
     */
    public static List<String> sinkTopicErrors(Map<String, String> props) {
        String topics = props.getOrDefault(TOPICS, "").trim();
        String regex = props.getOrDefault(TOPICS_REGEX, "").trim();
        if (!topics.isEmpty() && !regex.isEmpty()) {
            return List.of("Must configure one of topics or topics.regex, not both");
        }
        if (topics.isEmpty() && regex.isEmpty()) {
            return List.of("Must configure one of topics or topics.regex");
        }
        String dlq = props.getOrDefault(ErrorHandlingConfig.DLQ_TOPIC, "").trim();
        if (!dlq.isEmpty()) {
            boolean read = !topics.isEmpty() ? List.of(topics.split("\\s*,\\s*")).contains(dlq)
                : safeMatches(regex, dlq);
            if (read) {
                return List.of("The DLQ topic '" + dlq + "' may not be included in the list of topics ('"
                    + TOPICS + "' or '" + TOPICS_REGEX + "') consumed by the connector");
            }
        }
        return List.of();
    }

    private static boolean safeMatches(String regex, String topic) {
        try {
            return Pattern.compile(regex).matcher(topic).matches();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    public String name() {
        return String.valueOf(parsed.getString(NAME));
    }

    public String connectorClass() {
        return String.valueOf(parsed.getString(CONNECTOR_CLASS));
    }

    public int tasksMax() {
        return parsed.getInt(TASKS_MAX);
    }

    public @Nullable String keyConverter() {
        return blankToNull(parsed.getString(KEY_CONVERTER));
    }

    public @Nullable String valueConverter() {
        return blankToNull(parsed.getString(VALUE_CONVERTER));
    }

    public @Nullable String headerConverter() {
        return blankToNull(parsed.getString(HEADER_CONVERTER));
    }

    public ErrorHandlingConfig errorHandling() {
        return ErrorHandlingConfig.from(parsed);
    }

    /** A source connector's exactly-once settings. @throws IllegalStateException for a sink */
    public SourceTransactionConfig transactions() {
        if (sink) {
            throw new IllegalStateException("A sink connector has no transaction settings");
        }
        return SourceTransactionConfig.from(parsed);
    }

    /** The topics a sink reads, or empty if it reads by {@link #topicsRegex()}. */
    public List<String> topics() {
        return sink ? parsed.getList(TOPICS).stream().filter(t -> !t.isBlank()).toList() : List.of();
    }

    /** The pattern a sink reads topics by, or null. */
    public @Nullable Pattern topicsRegex() {
        String regex = sink ? blankToNull(parsed.getString(TOPICS_REGEX)) : null;
        return regex == null ? null : Pattern.compile(regex);
    }

    /** The settings under {@code prefix}, the prefix stripped. */
    public Map<String, Object> withPrefix(String prefix) {
        return parsed.originalsWithPrefix(prefix);
    }

    public Map<String, ?> originals() {
        return parsed.originals();
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
