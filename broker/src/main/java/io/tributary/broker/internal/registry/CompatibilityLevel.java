package io.tributary.broker.internal.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a new schema must relate to the earlier versions of its subject. Backward: the new schema reads data written
 * with the earlier ones; forward: the earlier ones read data written with the new one; full: both. Plain levels
 * check the latest version, transitive ones every version.
 */
public enum CompatibilityLevel {
    NONE,
    BACKWARD,
    BACKWARD_TRANSITIVE,
    FORWARD,
    FORWARD_TRANSITIVE,
    FULL,
    FULL_TRANSITIVE;

    /**
     * The level of a request body.
     *
     * @throws RegistryException 42203 for an unknown level
     */
    static CompatibilityLevel named(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw RegistryException.invalidCompatibility(name);
        }
    }

    /**
     * Why {@code candidate} breaks this level against {@code earlier} (oldest first); empty when compatible.
     */
    List<String> violations(ParsedSchema candidate, List<ParsedSchema> earlier) {
        if (this == NONE || earlier.isEmpty()) {
            return List.of();
        }
        boolean transitive = name().endsWith("_TRANSITIVE");
        List<ParsedSchema> against = transitive ? earlier : List.of(earlier.get(earlier.size() - 1));
        boolean backward = this == BACKWARD || this == BACKWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
        boolean forward = this == FORWARD || this == FORWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
        List<String> out = new ArrayList<>();
        for (ParsedSchema old : against) {
            if (backward) {
                candidate.readErrors(old).forEach(e -> out.add("new schema cannot read old data: " + e));
            }
            if (forward) {
                old.readErrors(candidate).forEach(e -> out.add("old schema cannot read new data: " + e));
            }
        }
        return out;
    }
}
