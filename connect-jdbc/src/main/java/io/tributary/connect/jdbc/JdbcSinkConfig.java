package io.tributary.connect.jdbc;

import static io.tributary.connect.jdbc.internal.ConfigSupport.addError;
import static io.tributary.connect.jdbc.internal.ConfigSupport.raw;

import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ConfigDef.Importance;
import io.tributary.connect.config.ConfigDef.Type;
import io.tributary.connect.config.ConfigValue;
import io.tributary.connect.config.ParsedConfig;
import io.tributary.connect.config.Password;
import io.tributary.connect.config.Validator;
import io.tributary.connect.jdbc.internal.ConfigSupport;
import io.tributary.connect.jdbc.internal.ConnectionSettings;
import io.tributary.connect.jdbc.internal.DatabaseDialect;
import io.tributary.connect.jdbc.internal.Dialects;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.jspecify.annotations.Nullable;

/**
 * The configuration of the {@link JdbcSinkConnector} and its tasks, with the keys of Confluent's JDBC sink
 * connector. {@link #parse} checks each key and the combinations (upsert and update need a primary key, deletes
 * need {@code pk.mode=record_key}); {@link #validate} reports the same problems per key without throwing. The
 * topics to read ({@code topics} or {@code topics.regex}) are the runtime's keys. Immutable.
 *
 * @since 0.1
 */
public final class JdbcSinkConfig {
    public static final String CONNECTION_URL_CONFIG = "connection.url";
    public static final String CONNECTION_USER_CONFIG = "connection.user";
    public static final String CONNECTION_PASSWORD_CONFIG = "connection.password";
    public static final String DIALECT_NAME_CONFIG = "dialect.name";
    public static final String DB_TIMEZONE_CONFIG = "db.timezone";
    public static final String TABLE_NAME_FORMAT_CONFIG = "table.name.format";
    public static final String INSERT_MODE_CONFIG = "insert.mode";
    public static final String PK_MODE_CONFIG = "pk.mode";
    public static final String PK_FIELDS_CONFIG = "pk.fields";
    public static final String FIELDS_WHITELIST_CONFIG = "fields.whitelist";
    public static final String AUTO_CREATE_CONFIG = "auto.create";
    public static final String AUTO_EVOLVE_CONFIG = "auto.evolve";
    public static final String BATCH_SIZE_CONFIG = "batch.size";
    public static final String DELETE_ENABLED_CONFIG = "delete.enabled";
    public static final String MAX_RETRIES_CONFIG = "max.retries";
    public static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";
    /** The placeholder of {@code table.name.format} that stands for the record's topic. */
    public static final String TOPIC_PLACEHOLDER = "${topic}";

    /** How records are written ({@code insert.mode}). */
    public enum InsertMode {
        /** {@code INSERT}: a row per record; a duplicate key fails. */
        INSERT,
        /** Insert, or update the row with the same primary key (PostgreSQL: {@code ON CONFLICT DO UPDATE}). */
        UPSERT,
        /** {@code UPDATE} the row with the record's primary key; records without a row change nothing. */
        UPDATE
    }

    /** Where the primary key columns come from ({@code pk.mode}). */
    public enum PrimaryKeyMode {
        /** No primary key. */
        NONE,
        /** The Kafka coordinates: topic, partition and offset ({@code __connect_topic} etc. by default). */
        KAFKA,
        /** The record key: a primitive (named by {@code pk.fields}) or the fields of a struct. */
        RECORD_KEY,
        /** Fields of the record value ({@code pk.fields}; all of them if empty). */
        RECORD_VALUE
    }

    private static final ConfigDef CONFIG = new ConfigDef()
        .define(CONNECTION_URL_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validator.nonEmptyString(),
            Importance.HIGH, "JDBC URL of the database, e.g. jdbc:postgresql://localhost:5432/shop.")
        .define(CONNECTION_USER_CONFIG, Type.STRING, null, Importance.HIGH, "Database user.")
        .define(CONNECTION_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.HIGH, "Database password.")
        .define(DIALECT_NAME_CONFIG, Type.STRING, "", ConfigSupport.dialectName(), Importance.LOW,
            "Dialect to use, e.g. PostgreSqlDatabaseDialect; empty chooses by the URL.")
        .define(DB_TIMEZONE_CONFIG, Type.STRING, "UTC", ConfigSupport.timeZone(), Importance.MEDIUM,
            "Time zone DATE, TIME and TIMESTAMP values are written in.")
        .define(TABLE_NAME_FORMAT_CONFIG, Type.STRING, TOPIC_PLACEHOLDER, Validator.nonEmptyString(),
            Importance.MEDIUM, "Table name for a topic; ${topic} stands for the topic, e.g. kafka_${topic}.")
        .define(INSERT_MODE_CONFIG, Type.STRING, "insert", ConfigSupport.oneOf("insert", "upsert", "update"),
            Importance.HIGH, "insert, upsert (insert or update by primary key) or update.")
        .define(PK_MODE_CONFIG, Type.STRING, "none",
            ConfigSupport.oneOf("none", "kafka", "record_key", "record_value"), Importance.HIGH,
            "Where the primary key comes from: none, kafka, record_key or record_value.")
        .define(PK_FIELDS_CONFIG, Type.LIST, "", Importance.MEDIUM,
            "Primary key columns: the Kafka coordinates' names (kafka), the key's column name (primitive "
                + "record_key) or the fields to use (struct record_key, record_value; empty: all).")
        .define(FIELDS_WHITELIST_CONFIG, Type.LIST, "", Importance.MEDIUM,
            "Value fields to write besides the primary key; empty writes all.")
        .define(AUTO_CREATE_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM,
            "Whether to CREATE TABLE from the record schema when the table is missing.")
        .define(AUTO_EVOLVE_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM,
            "Whether to ALTER TABLE ADD COLUMN for fields the table lacks.")
        .define(BATCH_SIZE_CONFIG, Type.INT, 3000, Validator.atLeast(1), Importance.MEDIUM,
            "Records per JDBC batch.")
        .define(DELETE_ENABLED_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM,
            "Whether a record with a null value deletes the row of its key (needs pk.mode=record_key).")
        .define(MAX_RETRIES_CONFIG, Type.INT, 10, Validator.atLeast(0), Importance.MEDIUM,
            "Retries of a batch whose connection failed, before the failure goes to the runtime.")
        .define(RETRY_BACKOFF_MS_CONFIG, Type.INT, 3000, Validator.atLeast(0), Importance.MEDIUM,
            "Wait between those retries.");

    private final ParsedConfig parsed;

    private JdbcSinkConfig(ParsedConfig parsed) {
        this.parsed = parsed;
    }

    /** The keys this configuration accepts. */
    public static ConfigDef configDef() {
        return CONFIG;
    }

    /**
     * Parses and checks a configuration.
     *
     * @throws io.tributary.connect.config.ConfigException naming the first key that is missing, invalid, or
     *                                                     conflicts with another
     */
    public static JdbcSinkConfig parse(Map<String, String> props) {
        ParsedConfig parsed = CONFIG.parse(props);
        ConfigSupport.throwFirst(props, crossKeyErrors(props));
        return new JdbcSinkConfig(parsed);
    }

    /** Checks every key and the combinations; never throws for bad values. */
    public static List<ConfigValue> validate(Map<String, String> props) {
        return ConfigSupport.withErrors(CONFIG.validate(props), crossKeyErrors(props));
    }

    private static Map<String, List<String>> crossKeyErrors(Map<String, String> props) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String insertMode = raw(props, INSERT_MODE_CONFIG, "insert").toLowerCase(Locale.ROOT);
        String pkMode = raw(props, PK_MODE_CONFIG, "none").toLowerCase(Locale.ROOT);
        if (!insertMode.equals("insert") && pkMode.equals("none")) {
            addError(errors, INSERT_MODE_CONFIG, "insert.mode=" + insertMode + " needs a primary key: set pk.mode "
                + "to record_key, record_value or kafka");
        }
        if (Boolean.parseBoolean(raw(props, DELETE_ENABLED_CONFIG, "false")) && !pkMode.equals("record_key")) {
            addError(errors, DELETE_ENABLED_CONFIG, "delete.enabled=true needs pk.mode=record_key, not " + pkMode);
        }
        List<String> pkFields = List.of(raw(props, PK_FIELDS_CONFIG, "").split("\\s*,\\s*"));
        if (pkMode.equals("kafka") && !raw(props, PK_FIELDS_CONFIG, "").isEmpty() && pkFields.size() != 3) {
            addError(errors, PK_FIELDS_CONFIG, "pk.mode=kafka needs three names (topic, partition, offset), not "
                + pkFields);
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

    /** The time zone values are written in ({@code db.timezone}, default UTC). */
    public TimeZone timeZone() {
        return TimeZone.getTimeZone(java.time.ZoneId.of(parsed.getString(DB_TIMEZONE_CONFIG)));
    }

    /** The table name pattern ({@code table.name.format}, default {@value #TOPIC_PLACEHOLDER}). */
    public String tableNameFormat() {
        return parsed.getString(TABLE_NAME_FORMAT_CONFIG);
    }

    /** The table name for records of {@code topic}. */
    public String tableName(String topic) {
        return tableNameFormat().replace(TOPIC_PLACEHOLDER, topic);
    }

    public InsertMode insertMode() {
        return InsertMode.valueOf(parsed.getString(INSERT_MODE_CONFIG).toUpperCase(Locale.ROOT));
    }

    public PrimaryKeyMode pkMode() {
        return PrimaryKeyMode.valueOf(parsed.getString(PK_MODE_CONFIG).toUpperCase(Locale.ROOT));
    }

    /** The primary key field names; empty if not set. */
    public List<String> pkFields() {
        return nonEmpty(parsed.getList(PK_FIELDS_CONFIG));
    }

    /** The value fields to write; empty writes all. */
    public List<String> fieldsWhitelist() {
        return nonEmpty(parsed.getList(FIELDS_WHITELIST_CONFIG));
    }

    public boolean autoCreate() {
        return parsed.getBoolean(AUTO_CREATE_CONFIG);
    }

    public boolean autoEvolve() {
        return parsed.getBoolean(AUTO_EVOLVE_CONFIG);
    }

    /** Records per JDBC batch ({@code batch.size}, default 3000). */
    public int batchSize() {
        return parsed.getInt(BATCH_SIZE_CONFIG);
    }

    public boolean deleteEnabled() {
        return parsed.getBoolean(DELETE_ENABLED_CONFIG);
    }

    /** Retries of a batch whose connection failed ({@code max.retries}, default 10). */
    public int maxRetries() {
        return parsed.getInt(MAX_RETRIES_CONFIG);
    }

    /** The wait between retries ({@code retry.backoff.ms}, default 3 s). */
    public Duration retryBackoff() {
        return Duration.ofMillis(parsed.getInt(RETRY_BACKOFF_MS_CONFIG));
    }

    /** The connection settings, for the task's engine. */
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
