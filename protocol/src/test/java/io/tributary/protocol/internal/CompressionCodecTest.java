package io.tributary.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.record.Compression;
import io.tributary.protocol.record.InvalidRecordException;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.ByteBufferOutputStream;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xerial.snappy.Snappy;

/** Each codec against kafka-clients' streams and against the other libraries' framings. */
final class CompressionCodecTest {
    private static final int LIMIT = 1 << 24;

    @Provide
    Arbitrary<Compression> codecs() {
        return Arbitraries.of(Compression.GZIP, Compression.SNAPPY, Compression.LZ4, Compression.ZSTD);
    }

    /** Partly random (incompressible), partly repetitive bytes. */
    static byte[] data(long seed, int length) {
        Random random = new Random(seed);
        byte[] out = new byte[length];
        int pos = 0;
        while (pos < length) {
            int run = Math.min(length - pos, 1 + random.nextInt(20_000));
            if (random.nextBoolean()) {
                byte[] chunk = new byte[run];
                random.nextBytes(chunk);
                System.arraycopy(chunk, 0, out, pos, run);
            } else {
                byte b = (byte) random.nextInt();
                for (int i = 0; i < run; i++) {
                    out[pos + i] = (byte) (b + i % 7);
                }
            }
            pos += run;
        }
        return out;
    }

    static byte[] kafkaCompress(Compression compression, byte[] data) throws IOException {
        ByteBufferOutputStream out = new ByteBufferOutputStream(64);
        try (OutputStream stream = kafkaCodec(compression).wrapForOutput(out, RecordBatch.MAGIC_VALUE_V2)) {
            stream.write(data);
        }
        ByteBuffer written = out.buffer();
        written.flip();
        return Utils.toArray(written);
    }

    static byte[] kafkaDecompress(Compression compression, byte[] compressed) throws IOException {
        try (InputStream in = kafkaCodec(compression).wrapForInput(ByteBuffer.wrap(compressed),
            RecordBatch.MAGIC_VALUE_V2, BufferSupplier.create())) {
            return in.readAllBytes();
        }
    }

    private static org.apache.kafka.common.compress.Compression kafkaCodec(Compression compression) {
        return org.apache.kafka.common.compress.Compression.of(CompressionType.forId(compression.id())).build();
    }

    private static byte[] ours(Compression compression, byte[] data, boolean directIn, boolean directOut) {
        ByteBuf in = directIn ? Unpooled.directBuffer(data.length + 1).writeBytes(data) : Unpooled.wrappedBuffer(data);
        ByteBuf out = directOut ? Unpooled.directBuffer(16) : Unpooled.buffer(16);
        try {
            CompressionCodec.of(compression).compress(in, out);
            assertThat(in.readerIndex()).isZero();
            return ByteBufUtil.getBytes(out);
        } finally {
            in.release();
            out.release();
        }
    }

    private static byte[] decompress(Compression compression, byte[] compressed) {
        return ByteBufUtil.getBytes(CompressionCodec.of(compression).decompress(Unpooled.wrappedBuffer(compressed),
            LIMIT));
    }

    @Property(tries = 40)
    void kafkaClientsReadWhatWeCompress(@ForAll("codecs") Compression compression, @ForAll long seed,
                                        @ForAll @IntRange(max = 200_000) int length, @ForAll boolean directIn,
                                        @ForAll boolean directOut) throws IOException {
        byte[] data = data(seed, length);
        byte[] compressed = ours(compression, data, directIn, directOut);
        assertThat(kafkaDecompress(compression, compressed)).isEqualTo(data);
        assertThat(compressed.length).isLessThanOrEqualTo(CompressionCodec.of(compression).maxCompressedLength(length));
    }

    @Property(tries = 40)
    void weReadWhatKafkaClientsCompress(@ForAll("codecs") Compression compression, @ForAll long seed,
                                        @ForAll @IntRange(max = 200_000) int length, @ForAll boolean directIn)
        throws IOException {
        byte[] data = data(seed, length);
        byte[] compressed = kafkaCompress(compression, data);
        ByteBuf in = directIn ? Unpooled.directBuffer(compressed.length + 1).writeBytes(compressed)
            : Unpooled.wrappedBuffer(compressed);
        assertThat(ByteBufUtil.getBytes(CompressionCodec.of(compression).decompress(in, LIMIT))).isEqualTo(data);
        in.release();
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void emptyInputRoundTrips(Compression compression) throws IOException {
        byte[] compressed = ours(compression, new byte[0], false, false);
        assertThat(decompress(compression, compressed)).isEmpty();
        assertThat(decompress(compression, new byte[0])).isEmpty();
    }

    @Test
    void snappyReadsARawBlockWithoutFraming() throws IOException {
        byte[] data = data(7, 100_000);
        assertThat(decompress(Compression.SNAPPY, Snappy.compress(data))).isEqualTo(data);
    }

    @Test
    void snappyWritesXerialFraming() {
        byte[] compressed = ours(Compression.SNAPPY, data(3, 70_000), false, false);
        assertThat(ByteBufUtil.hexDump(compressed, 0, 16)).isEqualTo("82534e41505059000000000100000001");
    }

    @Test
    void snappyRejectsACorruptBlock() throws IOException {
        byte[] raw = Snappy.compress(data(5, 5_000));
        raw[raw.length / 2] ^= 0x5a;
        raw[raw.length / 2 + 1] ^= 0x5a;
        byte[] truncated = Arrays.copyOf(raw, raw.length / 2);
        assertThatThrownBy(() -> decompress(Compression.SNAPPY, truncated))
            .isInstanceOf(InvalidRecordException.class).hasMessageContaining("snappy");
    }

    @Test
    void lz4WritesKafkasFrameDescriptor() {
        byte[] compressed = ours(Compression.LZ4, data(1, 10), false, false);
        // magic 04 22 4d 18, FLG 0x60 (version 01, independent blocks), BD 0x40 (64 KiB), HC = xxhash32 byte
        assertThat(ByteBufUtil.hexDump(compressed, 0, 6)).isEqualTo("04224d186040");
        assertThat(ByteBufUtil.hexDump(compressed, compressed.length - 4, 4)).isEqualTo("00000000");
    }

    @Test
    void lz4ReadsFramesWithChecksumsAndContentSize() throws IOException {
        byte[] data = data(11, 150_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(bytes, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
            data.length, LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE,
            LZ4FrameOutputStream.FLG.Bits.BLOCK_CHECKSUM, LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM,
            LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE)) {
            out.write(data);
        }
        byte[] framed = bytes.toByteArray();
        assertThat(decompress(Compression.LZ4, framed)).isEqualTo(data);
        framed[framed.length - 2] ^= 1;
        assertThatThrownBy(() -> decompress(Compression.LZ4, framed))
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.corrupt()).isTrue())
            .hasMessageContaining("checksum");
    }

    @Test
    void lz4RejectsDependentBlocksAndBadDescriptorChecksum() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(bytes, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB)) {
            out.write(data(2, 1000));
        }
        byte[] frame = bytes.toByteArray();
        frame[4] &= ~0x20;
        assertThatThrownBy(() -> decompress(Compression.LZ4, frame)).isInstanceOf(InvalidRecordException.class)
            .hasMessageContaining("dependent");
        byte[] ours = ours(Compression.LZ4, data(2, 1000), false, false);
        ours[6] ^= 1;
        assertThatThrownBy(() -> decompress(Compression.LZ4, ours)).isInstanceOf(InvalidRecordException.class)
            .hasMessageContaining("descriptor checksum");
    }

    @Test
    void zstdReadsConcatenatedFramesAndOneShotFrames() {
        byte[] a = data(3, 50_000);
        byte[] b = data(4, 20_000);
        byte[] frames = ByteBufUtil.getBytes(Unpooled.wrappedBuffer(Zstd.compress(a), Zstd.compress(b, 19)));
        byte[] expected = ByteBufUtil.getBytes(Unpooled.wrappedBuffer(a, b));
        assertThat(decompress(Compression.ZSTD, frames)).isEqualTo(expected);
        assertThatThrownBy(() -> decompress(Compression.ZSTD, Arrays.copyOf(frames, 100)))
            .isInstanceOf(InvalidRecordException.class).hasMessageContaining("zstd");
    }

    @Test
    void gzipReadsConcatenatedMembersAndChecksTheTrailer() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < 2; i++) {
            try (GZIPOutputStream gzip = new GZIPOutputStream(new NonClosing(bytes))) {
                gzip.write(data(i, 30_000));
            }
        }
        byte[] members = bytes.toByteArray();
        byte[] expected = ByteBufUtil.getBytes(Unpooled.wrappedBuffer(data(0, 30_000), data(1, 30_000)));
        assertThat(decompress(Compression.GZIP, members)).isEqualTo(expected);
        members[members.length - 6] ^= 1;
        assertThatThrownBy(() -> decompress(Compression.GZIP, members)).isInstanceOf(InvalidRecordException.class)
            .hasMessageContaining("trailer");
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void zeroLimitRejectsAnyOutput(Compression compression) {
        byte[] compressed = ours(compression, data(9, 1000), false, false);
        assertThatThrownBy(() -> CompressionCodec.of(compression).decompress(Unpooled.wrappedBuffer(compressed), 0))
            .isInstanceOf(InvalidRecordException.class).hasMessageContaining("limit of 0 bytes");
    }

    @Test
    void noneHasNoCodec() {
        assertThatThrownBy(() -> CompressionCodec.of(Compression.NONE)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Lets several gzip members go to one stream. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
