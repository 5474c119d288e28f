package io.tributary.broker.internal.metadata;

import org.jspecify.annotations.Nullable;

/** Kafka's rules for topic names. Stateless. */
public final class TopicNames {
    public static final int MAX_LENGTH = 249;

    private TopicNames() {
    }

    /** Why {@code name} is not a legal topic name, or {@code null} when it is. */
    public static @Nullable String invalidReason(@Nullable String name) {
        if (name == null || name.isEmpty()) {
            return "Topic name is empty";
        }
        if (name.equals(".") || name.equals("..")) {
            return "Topic name cannot be '.' or '..'";
        }
        if (name.length() > MAX_LENGTH) {
            return "Topic name is longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return "Topic name '" + name + "' has an illegal character '" + c
                    + "'; legal ones are ASCII letters, digits, '.', '_' and '-'";
            }
        }
        return null;
    }

    public static boolean isInternal(String name) {
        return name.equals("__consumer_offsets") || name.equals("__transaction_state");
    }
}
