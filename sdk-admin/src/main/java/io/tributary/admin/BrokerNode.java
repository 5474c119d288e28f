package io.tributary.admin;

import org.jspecify.annotations.Nullable;

/**
 * A broker of the cluster. A broker that metadata names only by id (a replica on a broker that is down) has host
 * {@code ""} and port {@code -1}.
 *
 * @param id   the broker's node id
 * @param host the host clients connect to
 * @param port the port clients connect to
 * @param rack the broker's rack, if it has one
 * @since 0.1
 */
public record BrokerNode(int id, String host, int port, @Nullable String rack) {
    /** A broker known only by its id. */
    public static BrokerNode unknown(int id) {
        return new BrokerNode(id, "", -1, null);
    }

    /** Whether this broker's address is known. */
    public boolean hasAddress() {
        return port >= 0;
    }
}
