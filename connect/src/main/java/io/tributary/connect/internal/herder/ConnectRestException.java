package io.tributary.connect.internal.herder;

import io.tributary.connect.errors.ConnectException;

/**
 * A request the herder refuses, with the HTTP status the REST API answers ({@code {"error_code": status,
 * "message": ...}}): 400 bad request or invalid configuration, 404 unknown connector, task or plugin, 409 a
 * connector that exists already or a rebalance in progress.
 */
public class ConnectRestException extends ConnectException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ConnectRestException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ConnectRestException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ConnectRestException notFound(String message) {
        return new ConnectRestException(404, message);
    }

    public static ConnectRestException badRequest(String message) {
        return new ConnectRestException(400, message);
    }

    public static ConnectRestException conflict(String message) {
        return new ConnectRestException(409, message);
    }
}
