package io.tributary.broker.internal.log;

import static io.tributary.broker.internal.log.TestLogs.append;
import static io.tributary.broker.internal.log.TestLogs.batch;
import static io.tributary.broker.internal.log.TestLogs.open;
import static io.tributary.broker.internal.log.TestLogs.smallConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tributary.protocol.record.RecordBatch;
import io.tributary.protocol.record.RecordBatches;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

final class ConcurrentReadTest {
    private static final int MAX_BYTES = 16 * 1024;

    @TempDir
    Path dir;

    @Test
    @Timeout(30)
    void readersDuringAppendsOnlySeeCompleteBatches() throws Exception {
        PartitionLog log = open(dir, smallConfig().segmentBytes(8 * 1024).segmentIndexBytes(4096)
            .indexIntervalBytes(200));
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 3_000; i++) {
                    append(log, batch(1 + i % 7, i));
                }
                done.set(true);
                return null;
            });
            List<Future<Long>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> readUntilDone(log, done)));
            }
            writer.get(25, TimeUnit.SECONDS);
            for (Future<Long> reader : readers) {
                assertThat(reader.get(25, TimeUnit.SECONDS)).isEqualTo(log.logEndOffset());
            }
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
        log.close();
    }

    /** Follows the log like a consumer; returns the offset reached. */
    private static long readUntilDone(PartitionLog log, AtomicBoolean done) throws IOException {
        long next = 0;
        while (!done.get() || next < log.logEndOffset()) {
            FetchSlice slice = log.read(next, MAX_BYTES, Long.MAX_VALUE, false);
            if (slice.isEmpty()) {
                Thread.onSpinWait();
                continue;
            }
            ByteBuf buf = slice.read(ByteBufAllocator.DEFAULT);
            try {
                RecordBatches batches = RecordBatches.of(buf);
                boolean first = true;
                for (RecordBatch batch : batches) {
                    batch.ensureValid();
                    if (first) {
                        assertThat(batch.baseOffset()).isLessThanOrEqualTo(next);
                        assertThat(batch.lastOffset()).isGreaterThanOrEqualTo(next);
                        first = false;
                    } else {
                        assertThat(batch.baseOffset()).isEqualTo(next);
                    }
                    assertThat(batch.recordsCount()).isEqualTo(batch.lastOffsetDelta() + 1);
                    next = batch.nextOffset();
                }
                if (batches.hasPartialTail()) {
                    // Only the size limit may cut a batch short, never a concurrent append.
                    assertThat(slice.sizeInBytes()).isEqualTo(MAX_BYTES);
                }
            } finally {
                buf.release();
            }
        }
        return next;
    }
}
