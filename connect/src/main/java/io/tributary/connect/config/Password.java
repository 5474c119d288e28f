package io.tributary.connect.config;

import static java.util.Objects.requireNonNull;

/**
 * A secret configuration value; prints as {@value #HIDDEN} so it never ends up in logs or REST answers.
 *
 * @since 0.1
 */
public record Password(String value) {
    public static final String HIDDEN = "[hidden]";

    public Password {
        requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return HIDDEN;
    }
}
