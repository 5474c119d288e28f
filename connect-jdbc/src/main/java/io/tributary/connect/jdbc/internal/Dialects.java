package io.tributary.connect.jdbc.internal;

import io.tributary.connect.config.ConfigException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Finds the dialect of a database: by name ({@code dialect.name}) or else by the JDBC URL's subprotocol, falling
 * back to the {@link GenericDialect}. Stateless.
 */
public final class Dialects {
    private static final List<DatabaseDialect> KNOWN = List.of(new PostgresDialect(), new GenericDialect());

    private Dialects() {
    }

    /**
     * The dialect named {@code name} if given, else the one for {@code url}.
     *
     * @throws ConfigException if {@code name} names no dialect
     */
    public static DatabaseDialect of(@Nullable String name, String url) {
        if (name != null && !name.isEmpty()) {
            return KNOWN.stream()
                        .filter(d -> d.name().equals(name))
                        .findFirst()
                        .orElseThrow(() -> new ConfigException("dialect.name", name, "Must be one of "
                            + KNOWN.stream().map(DatabaseDialect::name).toList()));
        }
        return forUrl(url);
    }

    /** The dialect for a JDBC URL ({@code jdbc:postgresql:...} gives PostgreSQL's). */
    public static DatabaseDialect forUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return KNOWN.get(0);
        }
        return KNOWN.get(1);
    }

    /** The names {@code dialect.name} accepts. */
    public static List<String> names() {
        return KNOWN.stream().map(DatabaseDialect::name).toList();
    }
}
