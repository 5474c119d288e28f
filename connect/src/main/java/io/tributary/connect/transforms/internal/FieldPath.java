package io.tributary.connect.transforms.internal;

import io.tributary.connect.config.ConfigException;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.Struct;
import io.tributary.connect.errors.DataException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A path to a field, as Kafka Connect's {@code field.syntax.version} setting defines it: {@code V1} takes the text
 * as one top-level field name; {@code V2} splits it at dots into nested steps, where a step wrapped in backticks may
 * hold dots ({@code `a.b`.c}) and a backslash before a backtick keeps it in the name. Immutable.
 */
public final class FieldPath {
    /** The setting that chooses the syntax. */
    public static final String SYNTAX_CONFIG = "field.syntax.version";
    /** Top-level names only (the default). */
    public static final String V1 = "V1";
    /** Dotted nested paths. */
    public static final String V2 = "V2";

    private static final char BACKTICK = '`';
    private static final char DOT = '.';
    private static final char BACKSLASH = '\\';

    private final List<String> steps;

    private FieldPath(List<String> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * Parses {@code text} in syntax {@code version} ({@value #V1} or {@value #V2}, any case).
     *
     * @throws ConfigException if a backtick is left unpaired or the version is unknown
     */
    public static FieldPath parse(String text, String version) {
        return switch (version.toUpperCase(java.util.Locale.ROOT)) {
            case V1 -> new FieldPath(List.of(text));
            case V2 -> new FieldPath(nestedSteps(text));
            default -> throw new ConfigException(SYNTAX_CONFIG, version, "Unrecognized field syntax version");
        };
    }

    private static List<String> nestedSteps(String path) {
        List<String> steps = new ArrayList<>();
        int at = 0;
        while (at >= 0 && at < path.length()) {
            at = path.charAt(at) == BACKTICK ? quotedStep(path, at, steps) : plainStep(path, at, steps);
        }
        // A trailing dot opens one more, empty, step.
        if (!path.isEmpty() && path.charAt(path.length() - 1) == DOT) {
            steps.add("");
        }
        return steps;
    }

    /** Adds the step starting at {@code from} up to the next dot; returns where the next step starts, -1 at the end. */
    private static int plainStep(String path, int from, List<String> steps) {
        int dot = path.indexOf(DOT, from);
        steps.add(dot < 0 ? path.substring(from) : path.substring(from, dot));
        return dot < 0 ? -1 : dot + 1;
    }

    /**
     * Adds the backtick-quoted step opening at {@code open}. It closes at the first backtick that is followed by a dot
     * or ends the path and has no backslash before it; backticks elsewhere are part of the name, and a backslash
     * before a closing candidate is dropped while its backtick stays in the name.
     */
    private static int quotedStep(String path, int open, List<String> steps) {
        StringBuilder name = new StringBuilder();
        int start = open + 1;
        int at = start;
        while (true) {
            at = path.indexOf(BACKTICK, at);
            if (at < 0) {
                throw unpaired(path, open);
            }
            boolean escaped = path.charAt(at - 1) == BACKSLASH;
            if (at == path.length() - 1) {
                if (escaped) {
                    throw unpaired(path, open);
                }
                steps.add(name.append(path, start, at).toString());
                return at + 1;
            }
            if (path.charAt(at + 1) != DOT) {
                at++;
            } else if (escaped) {
                name.append(path, start, at - 1).append(BACKTICK);
                at++;
                start = at;
            } else {
                steps.add(name.append(path, start, at).toString());
                return at + 2;
            }
        }
    }

    private static ConfigException unpaired(String path, int open) {
        return new ConfigException("Incomplete backtick pair in path: [" + path + "], consider adding a backslash "
            + "before backtick at position " + open + " to escape it");
    }

    /** The field at this path in {@code schema}, or null if a step is missing. */
    public @Nullable Field field(Schema schema) {
        Schema current = schema;
        for (String step : parents()) {
            Field field = current.field(step);
            if (field == null) {
                return null;
            }
            current = field.schema();
        }
        return current.field(last());
    }

    /**
     * The value at this path in {@code struct} (the default of an unset field when {@code withDefault}), or null if a
     * step is missing or null.
     *
     * @throws DataException if a step before the last holds something other than a struct
     */
    public @Nullable Object value(Struct struct, boolean withDefault) {
        Struct current = struct;
        for (String step : parents()) {
            if (current.schema().field(step) == null) {
                return null;
            }
            current = Requirements.structOrNull(current.get(step), "nested field access");
            if (current == null) {
                return null;
            }
        }
        Field field = current.schema().field(last());
        return field == null ? null : Requirements.read(current, field, withDefault);
    }

    /**
     * The value at this path in a schemaless {@code map}, or null if a step is missing or null.
     *
     * @throws DataException if a step before the last holds something other than a map
     */
    public @Nullable Object value(Map<String, @Nullable Object> map) {
        Map<String, @Nullable Object> current = map;
        for (String step : parents()) {
            current = Requirements.mapOrNull(current.get(step), "nested field access");
            if (current == null) {
                return null;
            }
        }
        return current.get(last());
    }

    private List<String> parents() {
        return steps.subList(0, Math.max(0, steps.size() - 1));
    }

    private String last() {
        if (steps.isEmpty()) {
            // Only the empty V2 path has no step; Kafka Connect accepts it too, and fails on the first record.
            throw new DataException("The field path is empty");
        }
        return steps.get(steps.size() - 1);
    }

    @Override
    public String toString() {
        return String.join(".", steps);
    }
}
