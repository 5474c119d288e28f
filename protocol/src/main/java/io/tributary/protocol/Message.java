package io.tributary.protocol;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * A struct of the Kafka protocol that can write itself in any of its versions. Generated classes implement it;
 * each also has a static {@code read(ByteBuf, short)}.
 *
 * <p>Messages are plain mutable data holders and not thread-safe. A {@code records} field read from a buffer is a
 * slice of that buffer: it stays valid only while the buffer is neither released nor reused.
 *
 * @since 0.1
 */
public interface Message {
    /**
     * Writes this struct in the given version.
     *
     * @throws UnsupportedVersionException if the version is outside {@link #lowestSupportedVersion()} to
     *     {@link #highestSupportedVersion()}
     */
    void write(ByteBuf out, short version);

    /**
     * Number of bytes {@link #write} produces in the given version, computed without writing: lets encoders
     * allocate exactly once.
     */
    int size(short version);

    /** Tagged fields this codec did not know, kept so that they survive a decode and re-encode. */
    List<RawTaggedField> unknownTaggedFields();

    short lowestSupportedVersion();

    short highestSupportedVersion();
}
