package io.tributary.streams;

/**
 * The name of a DSL operation's processor node (shown by {@link Topology#describe()}); for {@code split} the
 * prefix of branch names.
 *
 * @since 0.1
 */
public final class Named {
    private final String name;

    private Named(String name) {
        this.name = name;
    }

    /** @throws IllegalArgumentException if {@code name} is empty */
    public static Named as(String name) {
        return new Named(Names.check(name, "name"));
    }

    public String name() {
        return name;
    }
}
