package io.tributary.protocol.record;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.tributary.common.Header;
import io.tributary.protocol.internal.Varints;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Encodes one record (PROTOCOL.md 3.2) straight into a buffer, for {@link RecordBatchBuilder}: the size is
 * computed first so that the length prefix is written once and the buffer grows at most once. Stateless.
 */
final class RecordWriter {
    private RecordWriter() {
    }

    /** Bytes of a record after its length prefix. */
    static long bodySize(long timestampDelta, int offsetDelta, int keySize, int valueSize, List<Header> headers) {
        return 1L + Varints.sizeOfVarlong(timestampDelta) + Varints.sizeOfVarint(offsetDelta)
            + sizeOfBytes(keySize) + sizeOfBytes(valueSize) + headersSize(headers);
    }

    /** Bytes of the header count and headers. */
    static long headersSize(List<Header> headers) {
        long size = Varints.sizeOfVarint(headers.size());
        for (Header header : headers) {
            int keySize = ByteBufUtil.utf8Bytes(header.key());
            byte[] value = header.value();
            size += Varints.sizeOfVarint(keySize) + keySize + sizeOfBytes(value == null ? -1 : value.length);
        }
        return size;
    }

    /** Writes a record of {@code body} bytes (from {@link #bodySize}); key and value come from an array or a buffer. */
    static void write(ByteBuf out, int body, long timestampDelta, int offsetDelta,
                      int keySize, byte @Nullable [] keyArray, @Nullable ByteBuf keyBuf,
                      int valueSize, byte @Nullable [] valueArray, @Nullable ByteBuf valueBuf, List<Header> headers) {
        out.ensureWritable(Varints.sizeOfVarint(body) + body);
        Varints.writeVarint(out, body);
        out.writeByte(0);
        Varints.writeVarlong(out, timestampDelta);
        Varints.writeVarint(out, offsetDelta);
        writeBytes(out, keySize, keyArray, keyBuf);
        writeBytes(out, valueSize, valueArray, valueBuf);
        Varints.writeVarint(out, headers.size());
        for (Header header : headers) {
            Varints.writeVarint(out, ByteBufUtil.utf8Bytes(header.key()));
            ByteBufUtil.writeUtf8(out, header.key());
            byte[] value = header.value();
            Varints.writeVarint(out, value == null ? -1 : value.length);
            if (value != null) {
                out.writeBytes(value);
            }
        }
    }

    private static void writeBytes(ByteBuf out, int size, byte @Nullable [] array, @Nullable ByteBuf buf) {
        Varints.writeVarint(out, size);
        if (array != null) {
            out.writeBytes(array);
        } else if (buf != null) {
            out.writeBytes(buf, buf.readerIndex(), size);
        }
    }

    private static int sizeOfBytes(int size) {
        return size < 0 ? 1 : Varints.sizeOfVarint(size) + size;
    }
}
