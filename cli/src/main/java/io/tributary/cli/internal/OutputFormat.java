package io.tributary.cli.internal;

/** How a command prints its result ({@code --output}): an aligned table for people, or JSON for scripts. */
public enum OutputFormat {
    TABLE,
    JSON
}
