package io.tributary.connect.file;

import io.tributary.connect.errors.ConnectException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Follows a file as it grows ({@code tail -f}) and emits its complete lines, each with the byte position after it.
 * Reads on {@link Schedulers#boundedElastic()} only as many lines as were requested, at most {@code batchSize} per
 * turn on the thread; at the end of the file it looks again every {@code poll}. A file that does not exist yet is
 * waited for. The standard input is read to its end, then the stream completes. Cancelling closes the file.
 */
final class FileFollower {
    private static final Logger LOG = LoggerFactory.getLogger(FileFollower.class);

    private FileFollower() {
    }

    /**
     * The lines of {@code file} from byte {@code start} on (or of the standard input if {@code file} is null); lazy:
     * nothing is opened before the first request.
     */
    static Flux<LineReader.Line> lines(@Nullable Path file, long start, int batchSize, Duration poll) {
        return Flux.create(sink -> new Follower(file, start, batchSize, poll, sink).attach(),
            FluxSink.OverflowStrategy.ERROR);   // never emits beyond demand
    }

    /** One subscription's reading state; touched only by its worker, one task at a time. */
    private static final class Follower {
        private final @Nullable Path file;
        private final long start;
        private final int batchSize;
        private final Duration poll;
        private final FluxSink<LineReader.Line> sink;
        private final Scheduler.Worker worker = Schedulers.boundedElastic().createWorker();
        private final AtomicBoolean drainScheduled = new AtomicBoolean();
        private final AtomicBoolean timerScheduled = new AtomicBoolean();
        private volatile boolean cancelled;
        private @Nullable ReadableByteChannel channel;
        private @Nullable LineReader reader;
        private boolean missingLogged;

        Follower(@Nullable Path file, long start, int batchSize, Duration poll, FluxSink<LineReader.Line> sink) {
            this.file = file;
            this.start = start;
            this.batchSize = batchSize;
            this.poll = poll;
            this.sink = sink;
        }

        void attach() {
            sink.onRequest(n -> drainSoon());
            sink.onDispose(this::cancel);
        }

        private void drainSoon() {
            if (!cancelled && drainScheduled.compareAndSet(false, true)) {
                worker.schedule(this::drain);
            }
        }

        private void drainLater() {
            if (!cancelled && timerScheduled.compareAndSet(false, true)) {
                worker.schedule(() -> {
                    timerScheduled.set(false);
                    drain();
                }, poll.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        private void drain() {
            drainScheduled.set(false);   // a request arriving from now on schedules another turn
            if (cancelled) {
                return;
            }
            try {
                LineReader lines = reader != null ? reader : open();
                if (lines == null) {
                    drainLater();
                    return;
                }
                int emitted = 0;
                while (!cancelled && sink.requestedFromDownstream() > 0 && emitted < batchSize) {
                    LineReader.Line line = lines.next();
                    if (line == null) {
                        if (lines.atEnd() && file == null) {
                            sink.complete();   // the standard input ended: it will not grow
                        } else {
                            drainLater();
                        }
                        return;
                    }
                    sink.next(line);
                    emitted++;
                }
                if (emitted == batchSize && sink.requestedFromDownstream() > 0) {
                    drainSoon();   // hand the thread back between batches, then go on
                }
            } catch (IOException | RuntimeException e) {
                if (!cancelled) {
                    sink.error(new ConnectException("Error reading " + describe() + ": " + e.getMessage(), e));
                }
            }
        }

        /** Opens the file at the start position; null if it does not exist yet. */
        private @Nullable LineReader open() throws IOException {
            if (file == null) {
                channel = Channels.newChannel(System.in);
                reader = new LineReader(channel, 0);
                return reader;
            }
            FileChannel c;
            try {
                c = FileChannel.open(file, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                if (!missingLogged) {
                    LOG.warn("Couldn't find file {} for FileStreamSourceTask, sleeping to wait for it to be created",
                        file);
                    missingLogged = true;
                }
                return null;
            }
            long position = start;
            if (position > c.size()) {
                // Shorter than where we stopped: the file was truncated or replaced, so its lines are all new.
                LOG.warn("File {} is shorter ({} bytes) than the committed position {}; reading it from the start",
                    file, c.size(), position);
                position = 0;
            }
            c.position(position);
            LOG.debug("Reading {} from byte {}", file, position);
            channel = c;
            reader = new LineReader(c, position);
            return reader;
        }

        private void cancel() {
            cancelled = true;
            worker.schedule(() -> {
                close();
                worker.dispose();
            });
        }

        private void close() {
            ReadableByteChannel c = channel;
            channel = null;
            reader = null;
            if (c != null && file != null) {   // the standard input stays open for the process
                try {
                    c.close();
                } catch (IOException e) {
                    LOG.warn("Failed to close {}", describe(), e);
                }
            }
        }

        private String describe() {
            return file == null ? "the standard input" : file.toString();
        }
    }
}
