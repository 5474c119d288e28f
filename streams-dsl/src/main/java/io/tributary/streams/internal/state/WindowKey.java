package io.tributary.streams.internal.state;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** A window store's map key: serialized record key, then window start. Also its changelog key format. */
record WindowKey(Bytes key, long start) implements Comparable<WindowKey> {
    @Override
    public int compareTo(WindowKey other) {
        int c = key.compareTo(other.key);
        return c != 0 ? c : Long.compare(start, other.start);
    }

    /** The changelog key: key bytes followed by the 8-byte big-endian window start. */
    byte[] toChangelogKey() {
        byte[] k = key.get();
        return ByteBuffer.allocate(k.length + 8).put(k).putLong(start).array();
    }

    static WindowKey fromChangelogKey(byte[] bytes) {
        if (bytes.length < 8) {
            throw new IllegalArgumentException("A window changelog key has at least 8 bytes, was " + bytes.length);
        }
        long start = ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
        return new WindowKey(Bytes.wrap(Arrays.copyOf(bytes, bytes.length - 8)), start);
    }
}
