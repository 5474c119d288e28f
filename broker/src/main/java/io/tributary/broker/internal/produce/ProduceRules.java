package io.tributary.broker.internal.produce;

import io.tributary.protocol.record.Compression;
import org.jspecify.annotations.Nullable;

/**
 * The topic settings a produced batch is checked against (PROTOCOL.md 3.6), resolved once per partition and
 * request. Immutable.
 *
 * @param maxMessageBytes    {@code max.message.bytes}
 * @param compacted          whether {@code cleanup.policy} contains compact (records need keys)
 * @param logAppendTime      whether {@code message.timestamp.type} is LogAppendTime
 * @param timestampBeforeMax {@code message.timestamp.before.max.ms}
 * @param timestampAfterMax  {@code message.timestamp.after.max.ms}
 * @param storedCompression  the codec batches are stored in, or {@code null} for {@code producer} (keep theirs)
 */
public record ProduceRules(int maxMessageBytes, boolean compacted, boolean logAppendTime, long timestampBeforeMax,
                           long timestampAfterMax, @Nullable Compression storedCompression) {

    /** Parses {@code compression.type}: {@code producer} keeps the producer's codec. */
    public static @Nullable Compression storedCompression(String compressionType) {
        return switch (compressionType) {
            case "producer" -> null;
            case "uncompressed" -> Compression.NONE;
            default -> Compression.forConfigName(compressionType);
        };
    }
}
