package io.tributary.cli.internal;

import io.tributary.errors.ApiException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import reactor.core.Exceptions;

/** One-line messages for the errors a command ends with, as printed to stderr without a stack trace. */
public final class ErrorMessages {
    private ErrorMessages() {
    }

    /** The failure a blocking call or a Reactor pipeline wrapped, unwrapped. */
    public static Throwable unwrap(Throwable error) {
        Throwable t = Exceptions.unwrap(error);
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * A one-line message for {@code error}: Kafka errors keep their code and what they are about
     * ({@code "UNKNOWN_TOPIC_OR_PARTITION on topic orders: ..."}), a time-out names the servers and the last error.
     */
    public static String of(Throwable error) {
        Throwable t = unwrap(error);
        String message = t.getMessage();
        if (t instanceof ApiException api) {
            return message == null || message.isBlank() ? api.error().name() : oneLine(message);
        }
        if (t instanceof NoSuchFileException) {
            return "No such file: " + message;
        }
        if (t instanceof AccessDeniedException) {
            return "Permission denied: " + message;
        }
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return oneLine(message);
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
