package io.tributary.streams.internal.engine;

import io.tributary.common.Header;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The dead-letter record of an input record that failed: its key, value, timestamp and headers as read, with
 * Kafka Streams' {@code __streams.errors.*} headers (KIP-1034) saying what failed and where it came from. Stateless.
 */
public final class DeadLetters {
    static final String EXCEPTION = "__streams.errors.exception";
    static final String MESSAGE = "__streams.errors.message";
    static final String STACKTRACE = "__streams.errors.stacktrace";
    static final String TOPIC = "__streams.errors.topic";
    static final String PARTITION = "__streams.errors.partition";
    static final String OFFSET = "__streams.errors.offset";

    private DeadLetters() {
    }

    /** The dead-letter record of {@code input}, which failed with {@code error}. */
    public static OutputRecord of(String deadLetterTopic, InputRecord input, Throwable error) {
        List<Header> headers = new ArrayList<>(input.headers());
        headers.add(header(EXCEPTION, error.getClass().getName()));
        headers.add(header(MESSAGE, String.valueOf(error.getMessage())));
        headers.add(header(STACKTRACE, stackTrace(error)));
        headers.add(header(TOPIC, input.topic()));
        headers.add(header(PARTITION, Integer.toString(input.partition())));
        headers.add(header(OFFSET, Long.toString(input.offset())));
        return new OutputRecord(deadLetterTopic, null, input.key(), input.value(), Math.max(0, input.timestamp()),
            List.copyOf(headers), false);
    }

    private static Header header(String key, String value) {
        return new Header(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
