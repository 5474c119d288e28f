package io.tributary.broker.internal.producer;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * A partition's {@link ProducerState} saved to a file at a log offset, so that start-up replays the log from that
 * offset instead of from its start: {@code <offset, 20 digits>.producer-state} in the partition's directory (not
 * Kafka's {@code .snapshot} name: this format keeps five batches per producer and the aborted-transaction index,
 * which Kafka's does not). Layout, big-endian: format version (int), offset (long), producer count (int), per
 * producer its id, epoch, last timestamp, coordinator epoch, open transaction's first offset, batch count and the
 * batches' sequences, offsets and timestamps; aborted-transaction count and entries; then a CRC32C of everything
 * before it. Written to a temporary file and moved into place; a file that does not check out is ignored.
 */
public final class ProducerStateSnapshot {
    static final String SUFFIX = ".producer-state";
    private static final int VERSION = 1;

    private ProducerStateSnapshot() {
    }

    /**
     * A snapshot read back: the state and the offset up to which it covers the log.
     *
     * @param offset the log end offset when it was taken: replay from here
     */
    public record Restored(ProducerState state, long offset) {
    }

    /** Receives a state's contents while it is written. */
    interface Writer {
        void producer(long producerId, ProducerState.Entry entry);

        void aborted(AbortedTransactions.Aborted aborted);
    }

    /** The file of a snapshot at {@code offset} in {@code dir}. */
    public static Path file(Path dir, long offset) {
        return dir.resolve(String.format("%020d", offset) + SUFFIX);
    }

    /**
     * Writes {@code state} as of log offset {@code offset} into {@code dir} and deletes older snapshots there. The
     * caller keeps appends out meanwhile (it holds the state's monitor, or the log is closing).
     */
    public static void write(ProducerState state, long offset, Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(VERSION);
        out.writeLong(offset);
        List<long[]> aborted = new ArrayList<>();
        ByteArrayOutputStream producers = new ByteArrayOutputStream();
        DataOutputStream p = new DataOutputStream(producers);
        int[] count = {0};
        state.exportTo(new Writer() {
            @Override
            public void producer(long producerId, ProducerState.Entry e) {
                try {
                    p.writeLong(producerId);
                    p.writeShort(e.epoch);
                    p.writeLong(e.lastTimestamp);
                    p.writeInt(e.coordinatorEpoch);
                    p.writeLong(e.txnFirstOffset);
                    p.writeInt(e.batches.size());
                    for (ProducerState.BatchMetadata b : e.batches) {
                        p.writeInt(b.firstSequence());
                        p.writeInt(b.lastSequence());
                        p.writeLong(b.firstOffset());
                        p.writeLong(b.lastOffset());
                        p.writeLong(b.timestamp());
                    }
                    count[0]++;
                } catch (IOException ex) {
                    throw new IllegalStateException(ex);   // a byte array stream does not fail
                }
            }

            @Override
            public void aborted(AbortedTransactions.Aborted a) {
                aborted.add(new long[] {a.producerId(), a.firstOffset(), a.lastOffset()});
            }
        });
        out.writeInt(count[0]);
        producers.writeTo(out);
        out.writeInt(aborted.size());
        for (long[] a : aborted) {
            out.writeLong(a[0]);
            out.writeLong(a[1]);
            out.writeLong(a[2]);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes.toByteArray());
        out.writeInt((int) crc.getValue());
        out.flush();

        Path target = file(dir, offset);
        Path tmp = dir.resolve(target.getFileName() + ".tmp");
        Files.write(tmp, bytes.toByteArray());
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        for (Path old : list(dir)) {
            if (!old.equals(target)) {
                Files.deleteIfExists(old);
            }
        }
    }

    /**
     * The newest snapshot in {@code dir} at an offset within {@code [logStartOffset, logEndOffset]} that reads back
     * intact, or null; every snapshot file is deleted afterwards (the state lives in memory from now on, and the
     * next clean shutdown writes a new one).
     */
    public static @Nullable Restored load(Path dir, long logStartOffset, long logEndOffset) throws IOException {
        List<Path> files = list(dir);
        files.sort((a, b) -> Long.compare(offsetOf(b), offsetOf(a)));
        Restored restored = null;
        for (Path f : files) {
            long offset = offsetOf(f);
            if (offset >= logStartOffset && offset <= logEndOffset) {
                restored = read(f);
                if (restored != null) {
                    break;
                }
            }
        }
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
        return restored;
    }

    /** Reads one snapshot file; null if it is damaged or of an unknown format. */
    static @Nullable Restored read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 4 + 8 + 4 + 4 + 4) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(all, 0, all.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(all, all.length - 4, 4).getInt()) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all, 0, all.length - 4))) {
            if (in.readInt() != VERSION) {
                return null;
            }
            long offset = in.readLong();
            ProducerState state = new ProducerState();
            int producers = in.readInt();
            for (int i = 0; i < producers; i++) {
                long id = in.readLong();
                ProducerState.Entry e = new ProducerState.Entry(in.readShort());
                e.lastTimestamp = in.readLong();
                e.coordinatorEpoch = in.readInt();
                e.txnFirstOffset = in.readLong();
                int batches = in.readInt();
                if (batches < 0 || batches > ProducerState.BATCHES_RETAINED) {
                    return null;
                }
                for (int b = 0; b < batches; b++) {
                    e.batches.addLast(new ProducerState.BatchMetadata(in.readInt(), in.readInt(), in.readLong(),
                        in.readLong(), in.readLong()));
                }
                state.importProducer(id, e);
            }
            int aborted = in.readInt();
            for (int i = 0; i < aborted; i++) {
                state.importAborted(new AbortedTransactions.Aborted(in.readLong(), in.readLong(), in.readLong()));
            }
            return new Restored(state, offset);
        } catch (IOException e) {
            return null;   // shorter than its counts say: damaged
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).forEach(out::add);
        }
        return out;
    }

    private static long offsetOf(Path file) {
        String name = file.getFileName().toString();
        try {
            return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
