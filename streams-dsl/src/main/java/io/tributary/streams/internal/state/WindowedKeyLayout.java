package io.tributary.streams.internal.state;

import io.tributary.streams.Window;
import java.nio.ByteBuffer;

/**
 * How a windowed key is written as bytes (key bytes, then the window), which orders windowed keys of equal window
 * end the way Kafka Streams' suppression buffer does, and how its window is read back.
 */
public sealed interface WindowedKeyLayout {
    /** The window's bytes after the key's. */
    byte[] suffix(Window window);

    int suffixLength();

    /** The window of bytes ending in a suffix. */
    Window window(byte[] bytes);

    /** Time and sliding windows, all of one size: key bytes + 8-byte start. */
    record Fixed(long sizeMs) implements WindowedKeyLayout {
        @Override
        public byte[] suffix(Window window) {
            return ByteBuffer.allocate(8).putLong(window.start()).array();
        }

        @Override
        public int suffixLength() {
            return 8;
        }

        @Override
        public Window window(byte[] bytes) {
            long start = ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
            return new Window(start, start + sizeMs);
        }
    }

    /** Sessions, of any length: key bytes + 8-byte end + 8-byte start (Kafka Streams' session key layout). */
    record Session() implements WindowedKeyLayout {
        @Override
        public byte[] suffix(Window window) {
            return ByteBuffer.allocate(16).putLong(window.end()).putLong(window.start()).array();
        }

        @Override
        public int suffixLength() {
            return 16;
        }

        @Override
        public Window window(byte[] bytes) {
            ByteBuffer b = ByteBuffer.wrap(bytes, bytes.length - 16, 16);
            long end = b.getLong();
            return new Window(b.getLong(), end);
        }
    }
}
