package io.tributary.connect.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Splits the bytes of a channel into lines and knows the byte position after each one: the source offset of the
 * line, from which a restarted reader goes on without repeating it. A line is complete only once its {@code \n} has
 * been read (a trailing {@code \r} is dropped), so a line half written when the end of the file is reached is
 * returned later, whole. Blocking (it reads the channel); not thread-safe: used by one reading thread at a time.
 */
final class LineReader {
    private static final int CHUNK = 8192;

    private final ReadableByteChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    private byte[] line = new byte[256];
    private int lineLength;
    private long position;
    private boolean ended;

    /** @param position the byte position {@code channel} is at */
    LineReader(ReadableByteChannel channel, long position) {
        this.channel = channel;
        this.position = position;
        buffer.flip();   // empty, ready to be read from
    }

    /** A complete line read. */
    record Line(String text, long nextPosition) {
    }

    /**
     * The next complete line, or null if the channel has no complete line now (at its end, for now: a file may
     * grow). Blocks on the channel's IO.
     */
    @Nullable Line next() throws IOException {
        while (true) {
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (b == '\n') {
                    int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                    String text = new String(line, 0, length, StandardCharsets.UTF_8);
                    position += lineLength + 1;
                    lineLength = 0;
                    return new Line(text, position);
                }
                append(b);
            }
            buffer.clear();
            int read = channel.read(buffer);
            buffer.flip();
            if (read <= 0) {
                ended = read < 0;
                return null;
            }
        }
    }

    /** Whether the last read met the end of the channel (for a file: its current end). */
    boolean atEnd() {
        return ended;
    }

    private void append(byte b) {
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = b;
    }
}
