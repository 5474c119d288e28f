package io.tributary.broker.internal.config;

import java.util.Arrays;
import java.util.List;

/** The value types of Kafka configurations, with parsing from their text form. Stateless. */
public enum ConfigType {
    BOOLEAN, SHORT, INT, LONG, DOUBLE, STRING, LIST;

    /** Parses {@code text}; throws {@link IllegalArgumentException} with the reason when it is not of this type. */
    Object parse(String text) {
        String t = text.trim();
        return switch (this) {
            case BOOLEAN -> {
                if (!t.equalsIgnoreCase("true") && !t.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("expected true or false");
                }
                yield Boolean.parseBoolean(t);
            }
            case SHORT -> Short.parseShort(t);
            case INT -> Integer.parseInt(t);
            case LONG -> Long.parseLong(t);
            case DOUBLE -> Double.parseDouble(t);
            case STRING -> t;
            case LIST -> t.isEmpty() ? List.of() : Arrays.stream(t.split(",")).map(String::trim).toList();
        };
    }

    /** The name Kafka's DescribeConfigs v3+ reports (ConfigType: 1 boolean ... 7 list). */
    public byte describeCode() {
        return switch (this) {
            case BOOLEAN -> 1;
            case STRING -> 2;
            case INT -> 3;
            case SHORT -> 4;
            case LONG -> 5;
            case DOUBLE -> 6;
            case LIST -> 7;
        };
    }
}
