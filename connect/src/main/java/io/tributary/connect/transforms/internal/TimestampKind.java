package io.tributary.connect.transforms.internal;

import io.tributary.connect.data.Date;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.Time;
import io.tributary.connect.data.Timestamp;
import io.tributary.connect.errors.DataException;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The representations {@code TimestampConverter} converts between, each able to read a value into an instant and
 * write an instant back: formatted strings, Unix epoch numbers, and the Date, Time and Timestamp logical types. Days
 * and times of day are taken in UTC. Stateless.
 */
public enum TimestampKind {
    STRING("string") {
        @Override
        java.util.Date read(Object value, Settings settings) {
            if (!(value instanceof String text)) {
                throw new DataException("Expected string timestamp to be a String, but found " + value.getClass());
            }
            SimpleDateFormat format = settings.requireFormat();
            synchronized (format) {
                try {
                    return format.parse(text);
                } catch (ParseException e) {
                    throw new DataException("Could not parse timestamp: value (" + text + ") does not match pattern ("
                        + format.toPattern() + ")", e);
                }
            }
        }

        @Override
        Object write(java.util.Date instant, Settings settings) {
            SimpleDateFormat format = settings.requireFormat();
            synchronized (format) {
                return format.format(instant);
            }
        }

        @Override
        public Schema schema(boolean optional) {
            return optional ? Schema.OPTIONAL_STRING_SCHEMA : Schema.STRING_SCHEMA;
        }
    },
    UNIX("unix") {
        @Override
        java.util.Date read(Object value, Settings settings) {
            if (!(value instanceof Long epoch)) {
                throw new DataException("Expected Unix timestamp to be a Long, but found " + value.getClass());
            }
            return new java.util.Date(settings.unixPrecision().toMillis(epoch));
        }

        @Override
        Object write(java.util.Date instant, Settings settings) {
            return settings.unixPrecision().convert(instant.getTime(), TimeUnit.MILLISECONDS);
        }

        @Override
        public Schema schema(boolean optional) {
            return optional ? Schema.OPTIONAL_INT64_SCHEMA : Schema.INT64_SCHEMA;
        }
    },
    DATE("Date") {
        @Override
        Object write(java.util.Date instant, Settings settings) {
            return new java.util.Date(Math.floorDiv(instant.getTime(), MILLIS_PER_DAY) * MILLIS_PER_DAY);
        }

        @Override
        public Schema schema(boolean optional) {
            return optional ? OPTIONAL_DATE : REQUIRED_DATE;
        }
    },
    TIME("Time") {
        @Override
        Object write(java.util.Date instant, Settings settings) {
            return new java.util.Date(Math.floorMod(instant.getTime(), MILLIS_PER_DAY));
        }

        @Override
        public Schema schema(boolean optional) {
            return optional ? OPTIONAL_TIME : REQUIRED_TIME;
        }
    },
    TIMESTAMP("Timestamp") {
        @Override
        Object write(java.util.Date instant, Settings settings) {
            return instant;
        }

        @Override
        public Schema schema(boolean optional) {
            return optional ? OPTIONAL_TIMESTAMP : REQUIRED_TIMESTAMP;
        }
    };

    private static final long MILLIS_PER_DAY = TimeUnit.DAYS.toMillis(1);
    private static final Schema REQUIRED_DATE = Date.schema();
    private static final Schema OPTIONAL_DATE = Date.builder().optional().build();
    private static final Schema REQUIRED_TIME = Time.schema();
    private static final Schema OPTIONAL_TIME = Time.builder().optional().build();
    private static final Schema REQUIRED_TIMESTAMP = Timestamp.schema();
    private static final Schema OPTIONAL_TIMESTAMP = Timestamp.builder().optional().build();

    /**
     * How strings and Unix numbers are read and written.
     *
     * @param format        the pattern of string timestamps (UTC), or null if none was configured
     * @param unixPrecision the unit of Unix timestamps
     */
    public record Settings(@Nullable SimpleDateFormat format, TimeUnit unixPrecision) {
        SimpleDateFormat requireFormat() {
            if (format == null) {
                throw new DataException("TimestampConverter has no format configured to read or write string "
                    + "timestamps with");
            }
            return format;
        }
    }

    private final String configName;

    TimestampKind(String configName) {
        this.configName = configName;
    }

    /** The name of this kind in the {@code target.type} setting. */
    public String configName() {
        return configName;
    }

    /** The kind named {@code configName} in settings, or null. */
    public static @Nullable TimestampKind byConfigName(String configName) {
        for (TimestampKind kind : values()) {
            if (kind.configName.equals(configName)) {
                return kind;
            }
        }
        return null;
    }

    /**
     * The kind a schema declares: its logical type, else a string or an INT64 (Unix).
     *
     * @throws DataException for other schemas
     */
    public static TimestampKind of(Schema schema) {
        String name = schema.name();
        if (Timestamp.LOGICAL_NAME.equals(name)) {
            return TIMESTAMP;
        } else if (Date.LOGICAL_NAME.equals(name)) {
            return DATE;
        } else if (Time.LOGICAL_NAME.equals(name)) {
            return TIME;
        } else if (schema.type() == Schema.Type.STRING) {
            return STRING;
        } else if (schema.type() == Schema.Type.INT64) {
            return UNIX;
        }
        throw new DataException("Schema " + schema + " does not correspond to a known timestamp type format");
    }

    /**
     * The kind of a schemaless value by its Java class; a {@link java.util.Date} counts as a Timestamp.
     *
     * @throws DataException for other classes
     */
    public static TimestampKind of(Object value) {
        if (value instanceof java.util.Date) {
            return TIMESTAMP;
        } else if (value instanceof Long) {
            return UNIX;
        } else if (value instanceof String) {
            return STRING;
        }
        throw new DataException("TimestampConverter does not support " + value.getClass() + " objects as timestamps");
    }

    /** The schema of values of this kind. */
    public abstract Schema schema(boolean optional);

    /** {@code value}, of this kind, converted to {@code target}. */
    public Object convert(Object value, TimestampKind target, Settings settings) {
        return target.write(read(value, settings), settings);
    }

    /** The instant {@code value} stands for. The logical kinds already hold a {@link java.util.Date}. */
    java.util.Date read(Object value, Settings settings) {
        if (!(value instanceof java.util.Date date)) {
            throw new DataException("Expected " + configName + " to be a java.util.Date, but found "
                + value.getClass());
        }
        return date;
    }

    abstract Object write(java.util.Date instant, Settings settings);
}
