package io.tributary.broker.internal.network;

import io.netty.channel.FileRegion;

/**
 * A response part whose bytes are in a file: the server writes {@link #fileRegion()} to plaintext connections
 * ({@code sendfile}, no copy through the JVM) instead of the part's content.
 */
public interface FileRegionSource {
    /** A new region over the same bytes; the caller owns (and releases) it. */
    FileRegion fileRegion();
}
