package io.tributary.broker.internal.log;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.FileRegion;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import org.jspecify.annotations.Nullable;

/**
 * A region of a segment file holding the record batches that answer a read: {@code sizeInBytes} bytes from
 * {@code position} of {@code channel}. Whole batches, except that the last one may be cut short by the size limit
 * (clients ignore such a partial tail, PROTOCOL.md 5.2). Immutable and thread-safe.
 *
 * <p>The channel belongs to the segment and must not be closed by the caller: use {@link #toFileRegion()} for
 * zero-copy transfer (a {@link DefaultFileRegion} whose release leaves the channel open), or {@link #read} to copy
 * the bytes into a buffer (TLS connections). Segments deleted by retention or replaced by compaction keep their
 * channel open for {@code file.delete.delay.ms}, so a slice stays readable for that long.
 *
 * @param channel     the segment's {@code .log} channel, null only for an empty slice
 * @param position    byte position of the first batch in the file
 * @param sizeInBytes number of bytes; 0 for an empty slice
 */
public record FetchSlice(@Nullable FileChannel channel, long position, int sizeInBytes) {
    private static final FetchSlice EMPTY = new FetchSlice(null, 0, 0);

    /** Checks that the region is non-negative and has a channel unless empty. */
    public FetchSlice {
        if (position < 0 || sizeInBytes < 0) {
            throw new IllegalArgumentException("position and size must not be negative, were " + position + " and "
                + sizeInBytes);
        }
        if (channel == null && sizeInBytes > 0) {
            throw new IllegalArgumentException("a non-empty slice needs a channel");
        }
    }

    /** A slice without data: Fetch answers it with empty, non-null records. */
    public static FetchSlice empty() {
        return EMPTY;
    }

    public boolean isEmpty() {
        return sizeInBytes == 0;
    }

    /**
     * A Netty file region over the slice for zero-copy ({@code sendfile}) transfer; releasing it does not close the
     * segment's channel.
     *
     * @throws IllegalStateException if the slice is empty
     */
    public FileRegion toFileRegion() {
        FileChannel ch = channel;
        if (ch == null || sizeInBytes == 0) {
            throw new IllegalStateException("an empty fetch slice has no file region");
        }
        return new SharedChannelFileRegion(ch, position, sizeInBytes);
    }

    /**
     * The slice as a buffer that reads nothing until its content is asked for: Fetch responses send it with
     * {@code sendfile} (see {@link FileSliceBuf}). Owned by the caller.
     */
    public ByteBuf toByteBuf() {
        return isEmpty() ? Unpooled.EMPTY_BUFFER : new FileSliceBuf(this);
    }

    /**
     * Copies the slice into a new buffer from {@code allocator}, owned by the caller.
     *
     * @throws LogStorageException if the file cannot be read (for instance because its segment was deleted)
     */
    public ByteBuf read(ByteBufAllocator allocator) {
        FileChannel ch = channel;
        if (ch == null || sizeInBytes == 0) {
            return Unpooled.EMPTY_BUFFER;
        }
        ByteBuf buf = allocator.buffer(sizeInBytes, sizeInBytes);
        try {
            long pos = position;
            while (buf.isWritable()) {
                int n = buf.writeBytes(ch, pos, buf.writableBytes());
                if (n < 0) {
                    throw new EOFException("segment ended at byte " + pos + ", before the end of the fetch slice");
                }
                pos += n;
            }
            return buf;
        } catch (IOException e) {
            buf.release();
            throw new LogStorageException("cannot read " + sizeInBytes + " bytes at position " + position + ": " + e,
                e);
        }
    }

    /** A file region that leaves the shared segment channel open when released. */
    private static final class SharedChannelFileRegion extends DefaultFileRegion {
        SharedChannelFileRegion(FileChannel channel, long position, long count) {
            super(channel, position, count);
        }

        @Override
        protected void deallocate() {
            // The channel belongs to the segment, which closes it.
        }
    }
}
