package io.tributary.producer.internal;

import io.tributary.protocol.record.Compression;
import io.tributary.protocol.record.RecordBatchBuilder;

/**
 * Loads a compression codec before the producer needs it: snappy-java and zstd-jni extract and load a native
 * library on first use, which is file IO that must not happen on an event loop. Stateless.
 */
final class Compressions {
    private Compressions() {
    }

    /** Compresses one tiny batch with {@code compression}, on the calling thread. */
    static void warmUp(Compression compression) {
        if (compression != Compression.NONE) {
            RecordBatchBuilder.create()
                .compression(compression)
                .append(0L, null, new byte[] {1})
                .build()
                .release();
        }
    }
}
