package io.tributary.broker.internal.log;

import static io.tributary.broker.internal.log.TestLogs.append;
import static io.tributary.broker.internal.log.TestLogs.batch;
import static io.tributary.broker.internal.log.TestLogs.open;
import static io.tributary.broker.internal.log.TestLogs.smallConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.FileRegion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FetchSliceTest {
    @TempDir
    Path dir;

    @Test
    void fileRegionTransfersTheSliceAndLeavesTheChannelOpen() throws IOException {
        PartitionLog log = open(dir, smallConfig());
        for (int i = 0; i < 3; i++) {
            append(log, batch(2, 1));
        }
        FetchSlice slice = log.read(2, 1 << 20, Long.MAX_VALUE, true);
        ByteBuf copy = slice.read(ByteBufAllocator.DEFAULT);
        FileRegion region = slice.toFileRegion();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WritableByteChannel target = Channels.newChannel(out)) {
            while (region.transferred() < region.count()) {
                region.transferTo(target, region.transferred());
            }
        }
        assertThat(out.toByteArray()).isEqualTo(ByteBufUtil.getBytes(copy));
        copy.release();
        assertThat(region.release()).isTrue();
        assertThat(slice.channel().isOpen()).isTrue();
        assertThat(log.read(0, 1 << 20, Long.MAX_VALUE, true).sizeInBytes()).isEqualTo(3 * slice.sizeInBytes() / 2);
        log.close();
    }

    @Test
    void anEmptySliceHasNoBytes() {
        FetchSlice empty = FetchSlice.empty();
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.read(ByteBufAllocator.DEFAULT).readableBytes()).isZero();
        assertThatThrownBy(empty::toFileRegion).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new FetchSlice(null, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void asABufferTheSliceKeepsItsBytesInTheFileUntilReadAndFramesTakeItWhole() throws IOException {
        PartitionLog log = open(dir, smallConfig());
        append(log, batch(2, 1));
        append(log, batch(3, 1));
        FetchSlice slice = log.read(0, 1 << 20, Long.MAX_VALUE, true);
        ByteBuf copy = slice.read(ByteBufAllocator.DEFAULT);
        ByteBuf lazy = slice.toByteBuf();

        assertThat(lazy).isInstanceOf(FileSliceBuf.class);
        assertThat(lazy.readableBytes()).isEqualTo(slice.sizeInBytes());
        ByteBuf framed = lazy.retainedDuplicate();
        assertThat(framed).isSameAs(lazy);
        assertThat(lazy.refCnt()).isEqualTo(2);
        assertThat(ByteBufUtil.getBytes(lazy)).isEqualTo(ByteBufUtil.getBytes(copy));
        assertThat(lazy.getInt(8)).isEqualTo(copy.getInt(8));
        assertThatThrownBy(() -> lazy.setByte(0, 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(framed.release()).isFalse();
        assertThat(lazy.release()).isTrue();
        assertThat(slice.channel().isOpen()).isTrue();
        assertThat(FetchSlice.empty().toByteBuf().readableBytes()).isZero();
        copy.release();
        log.close();
    }
}
