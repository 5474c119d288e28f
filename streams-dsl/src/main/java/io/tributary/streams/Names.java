package io.tributary.streams;

import static java.util.Objects.requireNonNull;

/** Checks user-given names, which become parts of topic and node names. */
final class Names {
    private Names() {
    }

    static String check(String name, String what) {
        requireNonNull(name, what);
        if (!name.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException(what + " '" + name + "' must be non-empty and use only letters, "
                + "digits, '.', '_' and '-': it may become part of a topic name");
        }
        return name;
    }
}
