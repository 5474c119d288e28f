package io.tributary.admin;

import java.util.Locale;

/**
 * Which rebalance protocol a group uses: {@code classic} (JoinGroup/SyncGroup), {@code consumer} (KIP-848), or
 * {@code share} and {@code streams}. {@link #UNKNOWN} when the broker does not say (ListGroups below v5).
 *
 * @since 0.1
 */
public enum GroupType {
    UNKNOWN,
    CLASSIC,
    CONSUMER,
    SHARE,
    STREAMS;

    /** The type a broker names, ignoring case; {@link #UNKNOWN} for names not known here or none. */
    public static GroupType parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        for (GroupType t : values()) {
            if (t.name().equals(n)) {
                return t;
            }
        }
        return UNKNOWN;
    }
}
