package io.tributary.protocol;

/**
 * An inclusive range of API versions, as ApiVersions advertises them.
 *
 * @param lowest  the lowest version
 * @param highest the highest version, not below {@code lowest}
 * @since 0.1
 */
public record VersionRange(short lowest, short highest) {
    public VersionRange {
        if (lowest < 0 || highest < lowest) {
            throw new IllegalArgumentException("invalid version range " + lowest + "-" + highest);
        }
    }

    /** The range {@code lowest..highest}. */
    public static VersionRange of(int lowest, int highest) {
        return new VersionRange((short) lowest, (short) highest);
    }

    public boolean contains(short version) {
        return version >= lowest && version <= highest;
    }

    /** The versions in both ranges, or {@code null}-free failure when they do not overlap. */
    public boolean overlaps(VersionRange other) {
        return lowest <= other.highest && other.lowest <= highest;
    }

    @Override
    public String toString() {
        return lowest + "-" + highest;
    }
}
