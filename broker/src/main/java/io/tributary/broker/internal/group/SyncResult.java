package io.tributary.broker.internal.group;

import io.tributary.protocol.ErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a SyncGroup, independent of the wire version. Immutable.
 *
 * @param error        NONE or the failure
 * @param protocolType the group's protocol type (null on most errors)
 * @param protocolName the selected protocol (null on most errors)
 * @param assignment   the member's assignment; empty on error
 */
public record SyncResult(ErrorCode error, @Nullable String protocolType, @Nullable String protocolName,
                         byte[] assignment) {
    private static final byte[] EMPTY = new byte[0];

    /** A failed sync. */
    public static SyncResult error(ErrorCode error) {
        return new SyncResult(error, null, null, EMPTY);
    }
}
