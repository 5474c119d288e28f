package io.tributary.broker.internal.network;

import io.tributary.errors.TributaryException;

/** A request the broker cannot answer (unknown API, unsupported version, malformed body): the connection closes. */
public final class ProtocolViolationException extends TributaryException {
    private static final long serialVersionUID = 1L;

    public ProtocolViolationException(String message) {
        super(message);
    }

    public ProtocolViolationException(String message, Throwable cause) {
        super(message, cause);
    }
}
