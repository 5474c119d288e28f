package io.tributary.connect.jdbc.internal;

import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.errors.RetriableConnectException;
import java.sql.SQLException;

/**
 * Turns JDBC errors into Connect's: a failed connection into a {@link RetriableConnectException} (the runtime
 * retries on a new connection), anything else into a {@link ConnectException} that fails the task. Messages carry
 * the SQLSTATE and the chained next exceptions, where drivers put the cause of a failed batch. Stateless.
 */
public final class Failures {
    private Failures() {
    }

    /** {@code error} as a Connect exception; {@code what} says what was being done ("reading table x"). */
    public static ConnectException translate(DatabaseDialect dialect, String what, SQLException error) {
        String message = describe(what, error);
        return dialect.isConnectionFailure(error) ? new RetriableConnectException(message, error)
            : new ConnectException(message, error);
    }

    /** Whether {@code error} is worth retrying. */
    public static boolean isRetriable(Throwable error) {
        return error instanceof RetriableConnectException;
    }

    private static String describe(String what, SQLException error) {
        StringBuilder out = new StringBuilder("Failed ").append(what).append(": ").append(error.getMessage());
        if (error.getSQLState() != null) {
            out.append(" (SQLSTATE ").append(error.getSQLState()).append(')');
        }
        SQLException next = error.getNextException();
        for (int i = 0; next != null && next != error && i < 5; i++) {
            out.append("; caused by: ").append(next.getMessage());
            next = next.getNextException();
        }
        return out.toString();
    }
}
