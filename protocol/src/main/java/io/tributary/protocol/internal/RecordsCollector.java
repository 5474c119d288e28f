package io.tributary.protocol.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Collects the large record sets of a message being encoded, so that they are referenced by the finished frame
 * instead of copied into it: the encoder writes everything else into one buffer and leaves a hole where each record
 * set goes; {@link #assemble} interleaves the pieces into one composite buffer.
 *
 * <p>Owned by one encoding call on one thread ({@link #begin}/{@link #end} bracket it); not thread-safe.
 */
public final class RecordsCollector {
    private static final ThreadLocal<RecordsCollector> ACTIVE = new ThreadLocal<>();

    private final ByteBuf target;
    private int count;
    private int[] positions = new int[8];
    private ByteBuf[] records = new ByteBuf[8];

    private RecordsCollector(ByteBuf target) {
        this.target = target;
    }

    /** Starts collecting record sets written into {@code target} on this thread. */
    public static RecordsCollector begin(ByteBuf target) {
        RecordsCollector c = new RecordsCollector(target);
        ACTIVE.set(c);
        return c;
    }

    /** Stops collecting on this thread. */
    public void end() {
        ACTIVE.set(null);
    }

    /** The collector for {@code out}, if one is active on this thread. */
    static @Nullable RecordsCollector activeFor(ByteBuf out) {
        RecordsCollector c = ACTIVE.get();
        return c != null && c.target == out ? c : null;
    }

    /** Records a hole at the current write position of the target, to be filled by those bytes of {@code value}. */
    void add(ByteBuf value, int index, int length) {
        if (count == positions.length) {
            positions = java.util.Arrays.copyOf(positions, count * 2);
            records = java.util.Arrays.copyOf(records, count * 2);
        }
        positions[count] = target.writerIndex();
        // A duplicate rather than a slice when the whole buffer is taken: buffers that stand for bytes elsewhere
        // (a file region) can then be recognised among the parts.
        boolean whole = index == value.readerIndex() && length == value.readableBytes();
        records[count] = whole ? value.retainedDuplicate() : value.retainedSlice(index, length);
        count++;
    }

    /**
     * The finished frame as buffers to write in order: the target itself when nothing was collected, otherwise the
     * target's pieces interleaved with the collected record sets. Ownership of the target passes to the parts;
     * each part is released once (writing it to a channel does that).
     */
    public ByteBuf[] parts() {
        if (count == 0) {
            return new ByteBuf[] {target};
        }
        ByteBuf[] parts = new ByteBuf[2 * count + 1];
        int from = target.readerIndex();
        int n = 0;
        for (int i = 0; i < count; i++) {
            parts[n++] = target.slice(from, positions[i] - from);
            parts[n++] = records[i];
            from = positions[i];
        }
        parts[n] = target.slice(from, target.writerIndex() - from);
        // Each slice of the target is released once; the target's own reference covers one of them.
        target.retain(count);
        return parts;
    }

    /** The finished frame as one buffer (a composite of {@link #parts()} when records were collected). */
    public ByteBuf assemble(ByteBufAllocator alloc) {
        ByteBuf[] parts = parts();
        if (parts.length == 1) {
            return parts[0];
        }
        CompositeByteBuf frame = alloc.compositeBuffer(parts.length);
        frame.addComponents(true, parts);
        return frame;
    }
}
