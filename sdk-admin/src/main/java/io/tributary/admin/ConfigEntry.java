package io.tributary.admin;

import org.jspecify.annotations.Nullable;

/**
 * One config of a {@link Config}: its effective value and where that value comes from.
 *
 * @param name      the config name ({@code retention.ms})
 * @param value     the effective value; null for a sensitive config or one without a value
 * @param source    where the value comes from
 * @param readOnly  whether the config cannot be changed at run time
 * @param sensitive whether the value is a secret (the broker then sends none)
 * @since 0.1
 */
public record ConfigEntry(String name, @Nullable String value, Source source, boolean readOnly, boolean sensitive) {
    /** Where a config's effective value comes from, with its wire code. */
    public enum Source {
        UNKNOWN(0),
        DYNAMIC_TOPIC_CONFIG(1),
        DYNAMIC_BROKER_CONFIG(2),
        DYNAMIC_DEFAULT_BROKER_CONFIG(3),
        STATIC_BROKER_CONFIG(4),
        DEFAULT_CONFIG(5),
        DYNAMIC_BROKER_LOGGER_CONFIG(6),
        CLIENT_METRICS_CONFIG(7),
        GROUP_CONFIG(8);

        private final int code;

        Source(int code) {
            this.code = code;
        }

        /** The source's code in DescribeConfigs responses. */
        public int code() {
            return code;
        }

        /** The source with this code; {@link #UNKNOWN} for codes not known here. */
        public static Source forCode(int code) {
            for (Source s : values()) {
                if (s.code == code) {
                    return s;
                }
            }
            return UNKNOWN;
        }
    }

    /** Whether the value is the built-in default: nobody set it for this resource or the broker. */
    public boolean isDefault() {
        return source == Source.DEFAULT_CONFIG;
    }
}
