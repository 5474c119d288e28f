package io.tributary.connect.jdbc;

import static io.tributary.connect.jdbc.internal.ConfigSupport.addError;
import static io.tributary.connect.jdbc.internal.ConfigSupport.raw;

import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ConfigDef.Importance;
import io.tributary.connect.config.ConfigDef.Type;
import io.tributary.connect.config.ConfigException;
import io.tributary.connect.config.ConfigValue;
import io.tributary.connect.config.ParsedConfig;
import io.tributary.connect.config.Password;
import io.tributary.connect.config.Validator;
import io.tributary.connect.jdbc.internal.ConfigSupport;
import io.tributary.connect.jdbc.internal.ConnectionSettings;
import io.tributary.connect.jdbc.internal.DatabaseDialect;
import io.tributary.connect.jdbc.internal.Dialects;
import io.tributary.connect.jdbc.internal.TableId;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.jspecify.annotations.Nullable;

/**
 * The configuration of the {@link JdbcSourceConnector} and its tasks, with the keys of Confluent's JDBC source
 * connector. {@link #parse} checks each key and the combinations ({@code mode=incrementing} needs
 * {@code incrementing.column.name}, {@code query} excludes {@code table.whitelist}); {@link #validate} reports the
 * same problems per key without throwing. Immutable.
 *
 * @since 0.1
 */
public final class JdbcSourceConfig {
    public static final String CONNECTION_URL_CONFIG = "connection.url";
    public static final String CONNECTION_USER_CONFIG = "connection.user";
    public static final String CONNECTION_PASSWORD_CONFIG = "connection.password";
    public static final String DIALECT_NAME_CONFIG = "dialect.name";
    public static final String DB_TIMEZONE_CONFIG = "db.timezone";
    public static final String MODE_CONFIG = "mode";
    public static final String INCREMENTING_COLUMN_NAME_CONFIG = "incrementing.column.name";
    public static final String TIMESTAMP_COLUMN_NAME_CONFIG = "timestamp.column.name";
    public static final String TABLE_WHITELIST_CONFIG = "table.whitelist";
    public static final String TABLE_BLACKLIST_CONFIG = "table.blacklist";
    public static final String TABLE_TYPES_CONFIG = "table.types";
    public static final String SCHEMA_PATTERN_CONFIG = "schema.pattern";
    public static final String QUERY_CONFIG = "query";
    public static final String TOPIC_PREFIX_CONFIG = "topic.prefix";
    public static final String POLL_INTERVAL_MS_CONFIG = "poll.interval.ms";
    public static final String BATCH_MAX_ROWS_CONFIG = "batch.max.rows";
    public static final String TIMESTAMP_DELAY_INTERVAL_MS_CONFIG = "timestamp.delay.interval.ms";
    /** Set by the connector in each task's configuration: the tables that task reads, as quoted names. */
    static final String TABLES_CONFIG = "tables";

    /** How the source finds the rows it has not emitted yet ({@code mode}). */
    public enum Mode {
        /** Reads the whole table on every poll; no offsets. */
        BULK("bulk"),
        /** Reads rows whose strictly increasing column is above the last one seen: new rows only. */
        INCREMENTING("incrementing"),
        /** Reads rows whose timestamp is after the last one seen: new and updated rows. */
        TIMESTAMP("timestamp"),
        /** Orders by timestamp, then by the incrementing column: new and updated rows, none lost on ties. */
        TIMESTAMP_INCREMENTING("timestamp+incrementing");

        private final String configValue;

        Mode(String configValue) {
            this.configValue = configValue;
        }

        /** The value of {@code mode} that selects it. */
        public String configValue() {
            return configValue;
        }

        /** Whether the mode tracks an incrementing column. */
        public boolean usesIncrementing() {
            return this == INCREMENTING || this == TIMESTAMP_INCREMENTING;
        }

        /** Whether the mode tracks timestamp columns. */
        public boolean usesTimestamp() {
            return this == TIMESTAMP || this == TIMESTAMP_INCREMENTING;
        }

        static Mode of(String value) {
            String lower = value.toLowerCase(Locale.ROOT);
            return Arrays.stream(values())
                         .filter(m -> m.configValue.equals(lower))
                         .findFirst()
                         .orElseThrow(() -> new ConfigException(MODE_CONFIG, value, "Unknown mode"));
        }
    }

    private static final ConfigDef CONFIG = new ConfigDef()
        .define(CONNECTION_URL_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validator.nonEmptyString(),
            Importance.HIGH, "JDBC URL of the database, e.g. jdbc:postgresql://localhost:5432/shop.")
        .define(CONNECTION_USER_CONFIG, Type.STRING, null, Importance.HIGH, "Database user.")
        .define(CONNECTION_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.HIGH, "Database password.")
        .define(DIALECT_NAME_CONFIG, Type.STRING, "", ConfigSupport.dialectName(), Importance.LOW,
            "Dialect to use, e.g. PostgreSqlDatabaseDialect; empty chooses by the URL.")
        .define(DB_TIMEZONE_CONFIG, Type.STRING, "UTC", ConfigSupport.timeZone(), Importance.MEDIUM,
            "Time zone of DATE, TIME and TIMESTAMP columns without time zone.")
        .define(MODE_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
            ConfigSupport.oneOf("bulk", "incrementing", "timestamp", "timestamp+incrementing"), Importance.HIGH,
            "How new rows are found: bulk, incrementing, timestamp or timestamp+incrementing.")
        .define(INCREMENTING_COLUMN_NAME_CONFIG, Type.STRING, "", Importance.MEDIUM,
            "Strictly increasing column (incrementing modes), e.g. an identity column.")
        .define(TIMESTAMP_COLUMN_NAME_CONFIG, Type.LIST, "", Importance.MEDIUM,
            "Timestamp columns (timestamp modes); with several, the first non-null counts (COALESCE).")
        .define(TABLE_WHITELIST_CONFIG, Type.LIST, "", Importance.MEDIUM,
            "Tables to read (table or schema.table); empty reads all tables but the blacklisted.")
        .define(TABLE_BLACKLIST_CONFIG, Type.LIST, "", Importance.MEDIUM, "Tables not to read.")
        .define(TABLE_TYPES_CONFIG, Type.LIST, "TABLE", Importance.LOW, "Table types to read, e.g. TABLE,VIEW.")
        .define(SCHEMA_PATTERN_CONFIG, Type.STRING, null, Importance.MEDIUM,
            "Schemas whose tables are read (a LIKE pattern); unset reads all schemas.")
        .define(QUERY_CONFIG, Type.STRING, "", Importance.MEDIUM,
            "Custom query read instead of tables; mode criteria are applied to it as a subquery.")
        .define(TOPIC_PREFIX_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
            "Prefix of the topic names (prefix + table name); with query, the whole topic name.")
        .define(POLL_INTERVAL_MS_CONFIG, Type.INT, 5000, Validator.atLeast(1), Importance.HIGH,
            "How long to wait before polling a table again after a poll that found no new rows.")
        .define(BATCH_MAX_ROWS_CONFIG, Type.INT, 100, Validator.atLeast(1), Importance.LOW,
            "Rows read at a time.")
        .define(TIMESTAMP_DELAY_INTERVAL_MS_CONFIG, Type.LONG, 0L, Validator.atLeast(0), Importance.HIGH,
            "How old a row's timestamp must be before it is read, for transactions that commit late.");

    private final ParsedConfig parsed;
    private final Mode mode;

    private JdbcSourceConfig(ParsedConfig parsed) {
        this.parsed = parsed;
        this.mode = Mode.of(parsed.getString(MODE_CONFIG));
    }

    /** The keys this configuration accepts. */
    public static ConfigDef configDef() {
        return CONFIG;
    }

    /**
     * Parses and checks a configuration.
     *
     * @throws ConfigException naming the first key that is missing, invalid, or conflicts with another
     */
    public static JdbcSourceConfig parse(Map<String, String> props) {
        ParsedConfig parsed = CONFIG.parse(props);
        ConfigSupport.throwFirst(props, crossKeyErrors(props));
        return new JdbcSourceConfig(parsed);
    }

    /** Checks every key and the combinations; never throws for bad values. */
    public static List<ConfigValue> validate(Map<String, String> props) {
        return ConfigSupport.withErrors(CONFIG.validate(props), crossKeyErrors(props));
    }

    private static Map<String, List<String>> crossKeyErrors(Map<String, String> props) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String mode = raw(props, MODE_CONFIG, "").toLowerCase(Locale.ROOT);
        if (mode.contains("incrementing") && raw(props, INCREMENTING_COLUMN_NAME_CONFIG, "").isEmpty()) {
            addError(errors, INCREMENTING_COLUMN_NAME_CONFIG, "mode=" + mode + " needs the incrementing column");
        }
        if (mode.startsWith("timestamp") && raw(props, TIMESTAMP_COLUMN_NAME_CONFIG, "").isEmpty()) {
            addError(errors, TIMESTAMP_COLUMN_NAME_CONFIG, "mode=" + mode + " needs the timestamp column");
        }
        boolean query = !raw(props, QUERY_CONFIG, "").isEmpty();
        if (query && !raw(props, TABLE_WHITELIST_CONFIG, "").isEmpty()) {
            addError(errors, QUERY_CONFIG, "Set either query or table.whitelist, not both");
        }
        if (query && !raw(props, TABLE_BLACKLIST_CONFIG, "").isEmpty()) {
            addError(errors, QUERY_CONFIG, "Set either query or table.blacklist, not both");
        }
        if (!raw(props, TABLE_WHITELIST_CONFIG, "").isEmpty() && !raw(props, TABLE_BLACKLIST_CONFIG, "").isEmpty()) {
            addError(errors, TABLE_BLACKLIST_CONFIG, "Set either table.whitelist or table.blacklist, not both");
        }
        if (query && props.containsKey(TOPIC_PREFIX_CONFIG) && raw(props, TOPIC_PREFIX_CONFIG, "").isEmpty()) {
            addError(errors, TOPIC_PREFIX_CONFIG, "With query, the prefix is the topic name and must not be empty");
        }
        try {
            TableId.parseList(raw(props, TABLE_WHITELIST_CONFIG, ""));
            TableId.parseList(raw(props, TABLE_BLACKLIST_CONFIG, ""));
        } catch (IllegalArgumentException e) {
            addError(errors, TABLE_WHITELIST_CONFIG, e.getMessage());
        }
        return errors;
    }

    public String connectionUrl() {
        return parsed.getString(CONNECTION_URL_CONFIG);
    }

    public @Nullable String connectionUser() {
        return parsed.getString(CONNECTION_USER_CONFIG);
    }

    public @Nullable Password connectionPassword() {
        return parsed.getPassword(CONNECTION_PASSWORD_CONFIG);
    }

    /** The time zone of date and time columns without one ({@code db.timezone}, default UTC). */
    public TimeZone timeZone() {
        return TimeZone.getTimeZone(java.time.ZoneId.of(parsed.getString(DB_TIMEZONE_CONFIG)));
    }

    public Mode mode() {
        return mode;
    }

    /** The incrementing column, or null if not set. */
    public @Nullable String incrementingColumnName() {
        String name = parsed.getString(INCREMENTING_COLUMN_NAME_CONFIG);
        return name == null || name.isEmpty() ? null : name;
    }

    /** The timestamp columns; empty if not set. */
    public List<String> timestampColumnNames() {
        return nonEmpty(parsed.getList(TIMESTAMP_COLUMN_NAME_CONFIG));
    }

    public List<String> tableWhitelist() {
        return nonEmpty(parsed.getList(TABLE_WHITELIST_CONFIG));
    }

    public List<String> tableBlacklist() {
        return nonEmpty(parsed.getList(TABLE_BLACKLIST_CONFIG));
    }

    public List<String> tableTypes() {
        return nonEmpty(parsed.getList(TABLE_TYPES_CONFIG));
    }

    public @Nullable String schemaPattern() {
        String pattern = parsed.getString(SCHEMA_PATTERN_CONFIG);
        return pattern == null || pattern.isEmpty() ? null : pattern;
    }

    /** The custom query, or null if tables are read. */
    public @Nullable String query() {
        String query = parsed.getString(QUERY_CONFIG);
        return query == null || query.isEmpty() ? null : query;
    }

    public String topicPrefix() {
        return parsed.getString(TOPIC_PREFIX_CONFIG);
    }

    /** The wait after a poll that found nothing ({@code poll.interval.ms}, default 5 s). */
    public Duration pollInterval() {
        return Duration.ofMillis(parsed.getInt(POLL_INTERVAL_MS_CONFIG));
    }

    /** Rows read at a time ({@code batch.max.rows}, default 100). */
    public int batchMaxRows() {
        return parsed.getInt(BATCH_MAX_ROWS_CONFIG);
    }

    /** How old a timestamp must be to be read ({@code timestamp.delay.interval.ms}, default 0). */
    public Duration timestampDelayInterval() {
        return Duration.ofMillis(parsed.getLong(TIMESTAMP_DELAY_INTERVAL_MS_CONFIG));
    }

    /** The tables the connector assigned to this task ({@value #TABLES_CONFIG}); empty in the connector's. */
    List<TableId> assignedTables() {
        Object tables = parsed.originals().get(TABLES_CONFIG);
        return tables == null ? List.of() : TableId.parseList(tables.toString());
    }

    ConnectionSettings connectionSettings() {
        Password password = connectionPassword();
        return new ConnectionSettings(connectionUrl(), connectionUser(), password == null ? null : password.value());
    }

    DatabaseDialect dialect() {
        return Dialects.of(parsed.getString(DIALECT_NAME_CONFIG), connectionUrl());
    }

    private static List<String> nonEmpty(@Nullable List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> !v.isEmpty()).toList();
    }
}
