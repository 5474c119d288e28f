package io.tributary.protocol.record;

import static java.util.Objects.requireNonNull;

/**
 * The codec of a record batch: the id stored in bits 0-2 of the batch attributes and the name used by the
 * {@code compression.type} configuration.
 *
 * @since 0.1
 */
public enum Compression {
    NONE(0, "none"),
    GZIP(1, "gzip"),
    SNAPPY(2, "snappy"),
    LZ4(3, "lz4"),
    ZSTD(4, "zstd");

    private static final Compression[] BY_ID = values();

    private final int id;
    private final String configName;

    Compression(int id, String configName) {
        this.id = id;
        this.configName = configName;
    }

    /** The id in the batch attributes (0-4). */
    public int id() {
        return id;
    }

    /** The lower-case name used by {@code compression.type}, e.g. {@code "lz4"}. */
    public String configName() {
        return configName;
    }

    /**
     * The codec with this attribute id.
     *
     * @throws InvalidRecordException if the id is not 0-4 (ids 5-7 fit the attribute bits but are unassigned)
     */
    public static Compression forId(int id) {
        if (id < 0 || id >= BY_ID.length) {
            throw new InvalidRecordException("unknown compression id " + id, false, -1);
        }
        return BY_ID[id];
    }

    /**
     * The codec with this {@code compression.type} name ({@code none}, {@code gzip}, {@code snappy}, {@code lz4},
     * {@code zstd}).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static Compression forConfigName(String name) {
        requireNonNull(name, "name");
        for (Compression c : BY_ID) {
            if (c.configName.equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown compression name '" + name
            + "', expected one of none, gzip, snappy, lz4, zstd");
    }
}
