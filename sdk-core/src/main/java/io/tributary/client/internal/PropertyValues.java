package io.tributary.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Parses Kafka client property values ({@code "100"}, {@code 100}, {@code "a,b"}, {@code "true"}) into typed
 * values, with errors that name the property. Stateless.
 */
public final class PropertyValues {
    private PropertyValues() {
    }

    public static Duration millis(String key, Object value) {
        long ms = longValue(key, value);
        if (ms < 0) {
            throw invalid(key, value, "must not be negative");
        }
        return Duration.ofMillis(ms);
    }

    public static int integer(String key, Object value) {
        long v = longValue(key, value);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw invalid(key, value, "is out of the int range");
        }
        return (int) v;
    }

    public static long longValue(String key, Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw invalid(key, value, "is not a number");
        }
    }

    public static boolean bool(String key, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, value, "is not true or false");
        };
    }

    public static String string(Object value) {
        return String.valueOf(value).trim();
    }

    /** A comma-separated list, or a collection of values. */
    public static List<String> list(String key, Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            for (Object o : c) {
                out.add(String.valueOf(o).trim());
            }
        } else {
            for (String s : String.valueOf(value).split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    public static int port(String key, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw invalid(key, value, "has a port outside 0-65535");
            }
            return port;
        } catch (NumberFormatException e) {
            throw invalid(key, value, "has a port that is not a number");
        }
    }

    public static IllegalArgumentException invalid(String key, Object value, String why) {
        return new IllegalArgumentException("Invalid value '" + value + "' for " + key + ": " + why);
    }
}
