package io.tributary.broker.internal.log;

import io.netty.buffer.AbstractReferenceCountedByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.FileRegion;
import io.tributary.broker.internal.network.FileRegionSource;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ScatteringByteChannel;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of a {@link FetchSlice} as a read-only {@link ByteBuf} that holds no memory: Fetch responses carry it as
 * their records, and the network layer sends it as a {@link FileRegion} ({@code sendfile}) without the bytes ever
 * entering the JVM. Its size, indexes and reference count work like any buffer's; reading its content (an encoder
 * without a records collector, a test) loads the bytes from the file once, which blocks, so that never happens on an
 * event loop in the broker.
 *
 * <p>Frames take it whole: {@link #retainedDuplicate()} returns this buffer itself, retained, so the network layer
 * finds it among a frame's parts. Thread-safe for the operations the broker uses; loading is synchronised.
 */
public final class FileSliceBuf extends AbstractReferenceCountedByteBuf implements FileRegionSource {
    private final FetchSlice slice;
    private @Nullable ByteBuf loaded;

    FileSliceBuf(FetchSlice slice) {
        super(slice.sizeInBytes());
        this.slice = slice;
        setIndex(0, slice.sizeInBytes());
    }

    @Override
    public FileRegion fileRegion() {
        return slice.toFileRegion();
    }

    /** The slice's bytes in memory, read from the file on first use. */
    private synchronized ByteBuf content() {
        ByteBuf c = loaded;
        if (c == null) {
            c = slice.read(ByteBufAllocator.DEFAULT);
            loaded = c;
        }
        return c;
    }

    @Override
    public ByteBuf retainedDuplicate() {
        return retain();
    }

    @Override
    protected synchronized void deallocate() {
        if (loaded != null) {
            loaded.release();
            loaded = null;
        }
    }

    @Override
    public int capacity() {
        return slice.sizeInBytes();
    }

    @Override
    public ByteBuf capacity(int newCapacity) {
        throw new UnsupportedOperationException("a file slice cannot be resized");
    }

    @Override
    public ByteBufAllocator alloc() {
        return ByteBufAllocator.DEFAULT;
    }

    @Override
    @SuppressWarnings("deprecation")
    public ByteOrder order() {
        return ByteOrder.BIG_ENDIAN;
    }

    @Override
    public @Nullable ByteBuf unwrap() {
        return null;
    }

    @Override
    public boolean isDirect() {
        return false;
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    // ---- reads: from the loaded content ----

    @Override
    protected byte _getByte(int index) {
        return content().getByte(index);
    }

    @Override
    protected short _getShort(int index) {
        return content().getShort(index);
    }

    @Override
    protected short _getShortLE(int index) {
        return content().getShortLE(index);
    }

    @Override
    protected int _getUnsignedMedium(int index) {
        return content().getUnsignedMedium(index);
    }

    @Override
    protected int _getUnsignedMediumLE(int index) {
        return content().getUnsignedMediumLE(index);
    }

    @Override
    protected int _getInt(int index) {
        return content().getInt(index);
    }

    @Override
    protected int _getIntLE(int index) {
        return content().getIntLE(index);
    }

    @Override
    protected long _getLong(int index) {
        return content().getLong(index);
    }

    @Override
    protected long _getLongLE(int index) {
        return content().getLongLE(index);
    }

    @Override
    public ByteBuf getBytes(int index, ByteBuf dst, int dstIndex, int length) {
        checkIndex(index, length);
        content().getBytes(index, dst, dstIndex, length);
        return this;
    }

    @Override
    public ByteBuf getBytes(int index, byte[] dst, int dstIndex, int length) {
        checkIndex(index, length);
        content().getBytes(index, dst, dstIndex, length);
        return this;
    }

    @Override
    public ByteBuf getBytes(int index, ByteBuffer dst) {
        checkIndex(index, dst.remaining());
        content().getBytes(index, dst);
        return this;
    }

    @Override
    public ByteBuf getBytes(int index, OutputStream out, int length) throws java.io.IOException {
        checkIndex(index, length);
        content().getBytes(index, out, length);
        return this;
    }

    @Override
    public int getBytes(int index, GatheringByteChannel out, int length) throws java.io.IOException {
        checkIndex(index, length);
        return content().getBytes(index, out, length);
    }

    @Override
    public int getBytes(int index, FileChannel out, long position, int length) throws java.io.IOException {
        checkIndex(index, length);
        return content().getBytes(index, out, position, length);
    }

    @Override
    public ByteBuf copy(int index, int length) {
        checkIndex(index, length);
        return content().copy(index, length);
    }

    @Override
    public int nioBufferCount() {
        return 1;
    }

    @Override
    public ByteBuffer nioBuffer(int index, int length) {
        checkIndex(index, length);
        return content().nioBuffer(index, length).asReadOnlyBuffer();
    }

    @Override
    public ByteBuffer internalNioBuffer(int index, int length) {
        return nioBuffer(index, length);
    }

    @Override
    public ByteBuffer[] nioBuffers(int index, int length) {
        return new ByteBuffer[] {nioBuffer(index, length)};
    }

    @Override
    public boolean hasArray() {
        return false;
    }

    @Override
    public byte[] array() {
        throw new UnsupportedOperationException("a file slice has no backing array");
    }

    @Override
    public int arrayOffset() {
        throw new UnsupportedOperationException("a file slice has no backing array");
    }

    @Override
    public boolean hasMemoryAddress() {
        return false;
    }

    @Override
    public long memoryAddress() {
        throw new UnsupportedOperationException("a file slice has no memory address");
    }

    // ---- writes: refused, the slice is the log's ----

    @Override
    protected void _setByte(int index, int value) {
        throw readOnly();
    }

    @Override
    protected void _setShort(int index, int value) {
        throw readOnly();
    }

    @Override
    protected void _setShortLE(int index, int value) {
        throw readOnly();
    }

    @Override
    protected void _setMedium(int index, int value) {
        throw readOnly();
    }

    @Override
    protected void _setMediumLE(int index, int value) {
        throw readOnly();
    }

    @Override
    protected void _setInt(int index, int value) {
        throw readOnly();
    }

    @Override
    protected void _setIntLE(int index, int value) {
        throw readOnly();
    }

    @Override
    protected void _setLong(int index, long value) {
        throw readOnly();
    }

    @Override
    protected void _setLongLE(int index, long value) {
        throw readOnly();
    }

    @Override
    public ByteBuf setBytes(int index, ByteBuf src, int srcIndex, int length) {
        throw readOnly();
    }

    @Override
    public ByteBuf setBytes(int index, byte[] src, int srcIndex, int length) {
        throw readOnly();
    }

    @Override
    public ByteBuf setBytes(int index, ByteBuffer src) {
        throw readOnly();
    }

    @Override
    public int setBytes(int index, InputStream in, int length) {
        throw readOnly();
    }

    @Override
    public int setBytes(int index, ScatteringByteChannel in, int length) {
        throw readOnly();
    }

    @Override
    public int setBytes(int index, FileChannel in, long position, int length) {
        throw readOnly();
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("a file slice is read-only");
    }
}
