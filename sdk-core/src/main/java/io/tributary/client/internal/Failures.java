package io.tributary.client.internal;

import io.tributary.errors.ApiException;
import io.tributary.errors.RetriableException;
import io.tributary.protocol.ErrorCode;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import org.jspecify.annotations.Nullable;

/** Predicates and conversions for failures of requests: which ones a retry may cure. Stateless. */
public final class Failures {
    private Failures() {
    }

    /** Whether retrying after {@code error} may succeed: retriable wire errors and broken connections. */
    public static boolean isRetriable(Throwable error) {
        if (error instanceof ApiException api) {
            return api.retriable();
        }
        return error instanceof IOException;
    }

    /** Whether {@code error} means cached metadata (leaders, coordinators) is stale and must be refreshed. */
    public static boolean invalidatesMetadata(Throwable error) {
        if (error instanceof ApiException api) {
            return switch (api.error()) {
                case NOT_LEADER_OR_FOLLOWER, UNKNOWN_TOPIC_OR_PARTITION, LEADER_NOT_AVAILABLE, NOT_CONTROLLER,
                     FENCED_LEADER_EPOCH, UNKNOWN_LEADER_EPOCH, NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE,
                     NETWORK_EXCEPTION, REQUEST_TIMED_OUT, UNKNOWN_TOPIC_ID -> true;
                default -> false;
            };
        }
        return error instanceof IOException;
    }

    /** A retriable exception for a connection that broke or could not be opened. */
    public static RetriableException network(String message, Throwable cause) {
        RetriableException e = new RetriableException(ErrorCode.NETWORK_EXCEPTION, message + describe(cause));
        e.initCause(cause);
        return e;
    }

    private static String describe(Throwable cause) {
        if (cause instanceof ConnectException || cause instanceof ClosedChannelException) {
            return ": " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        }
        return cause.getMessage() == null ? "" : ": " + cause.getMessage();
    }

    /**
     * The exception for a wire error code, reading "{@code ERROR_NAME} on {@code context}: message", with the
     * broker's message where it sent one.
     */
    public static ApiException of(short code, @Nullable String brokerMessage, String context) {
        ErrorCode error = ErrorCode.forCode(code);
        String text = brokerMessage == null || brokerMessage.isEmpty() ? error.message() : brokerMessage;
        return error.exception(error.name() + " on " + context + ": " + text);
    }
}
