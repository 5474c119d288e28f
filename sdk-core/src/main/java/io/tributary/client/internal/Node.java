package io.tributary.client.internal;

import org.jspecify.annotations.Nullable;

/** A broker as metadata names it; {@code id} is negative for a bootstrap address whose id is not known yet. */
public record Node(int id, String host, int port, @Nullable String rack) {
    /** A bootstrap server ({@code host:port}), known only by its address. */
    public static Node bootstrap(String hostPort, int syntheticId) {
        int colon = hostPort.lastIndexOf(':');
        return new Node(syntheticId, hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)),
            null);
    }

    public String address() {
        return host + ":" + port;
    }
}
