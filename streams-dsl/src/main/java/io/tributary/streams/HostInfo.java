package io.tributary.streams;

import static java.util.Objects.requireNonNull;

/**
 * Where an instance of the application answers interactive queries: its {@code application.server}, which the
 * application serves itself (Tributary only passes it around the group).
 *
 * @param host the host name or address
 * @param port the port, 0 to 65535
 * @since 0.1
 */
public record HostInfo(String host, int port) {
    public HostInfo {
        requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
        }
    }

    /**
     * The {@code host:port} given ({@code [v6-address]:port} for an IPv6 address).
     *
     * @throws IllegalArgumentException if it is not of that form
     */
    public static HostInfo parse(String endpoint) {
        requireNonNull(endpoint, "endpoint");
        int colon = endpoint.lastIndexOf(':');
        if (colon <= 0 || colon == endpoint.length() - 1) {
            throw new IllegalArgumentException("application.server must be host:port, was '" + endpoint + "'");
        }
        String host = endpoint.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new HostInfo(host, Integer.parseInt(endpoint.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("application.server must be host:port, was '" + endpoint + "'", e);
        }
    }

    /** {@code host:port}, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
