package io.tributary.connect.internal.errors;

import io.tributary.admin.NewTopic;
import io.tributary.admin.TributaryAdmin;
import io.tributary.common.Header;
import io.tributary.errors.ApiException;
import io.tributary.producer.ProducerRecord;
import io.tributary.producer.TributaryProducer;
import io.tributary.protocol.ErrorCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Writes failed records to a dead-letter topic ({@code errors.deadletterqueue.topic.name}): the record's own key,
 * value, headers and timestamp, plus, with {@code errors.deadletterqueue.context.headers.enable}, Kafka Connect's
 * {@code __connect.errors.*} headers saying where and why it failed. Shares the producer it is given (closed by its
 * owner). Thread-safe.
 */
public final class DeadLetterQueueReporter implements ErrorReporter {
    public static final String HEADER_PREFIX = "__connect.errors.";
    public static final String ERROR_HEADER_ORIG_TOPIC = HEADER_PREFIX + "topic";
    public static final String ERROR_HEADER_ORIG_PARTITION = HEADER_PREFIX + "partition";
    public static final String ERROR_HEADER_ORIG_OFFSET = HEADER_PREFIX + "offset";
    public static final String ERROR_HEADER_CONNECTOR_NAME = HEADER_PREFIX + "connector.name";
    public static final String ERROR_HEADER_TASK_ID = HEADER_PREFIX + "task.id";
    public static final String ERROR_HEADER_STAGE = HEADER_PREFIX + "stage";
    public static final String ERROR_HEADER_EXECUTING_CLASS = HEADER_PREFIX + "class.name";
    public static final String ERROR_HEADER_EXCEPTION = HEADER_PREFIX + "exception.class.name";
    public static final String ERROR_HEADER_EXCEPTION_MESSAGE = HEADER_PREFIX + "exception.message";
    public static final String ERROR_HEADER_EXCEPTION_STACK_TRACE = HEADER_PREFIX + "exception.stacktrace";

    private final String topic;
    private final boolean contextHeaders;
    private final TributaryProducer<byte[], byte[]> producer;

    public DeadLetterQueueReporter(String topic, boolean contextHeaders, TributaryProducer<byte[], byte[]> producer) {
        this.topic = topic;
        this.contextHeaders = contextHeaders;
        this.producer = producer;
    }

    /**
     * Creates the dead-letter topic with one partition if it does not exist; a topic that exists already is fine.
     *
     * @param replicationFactor -1 for the broker's default
     */
    public static Mono<Void> createTopic(TributaryAdmin admin, String topic, short replicationFactor) {
        return admin.createTopics(List.of(NewTopic.of(topic, 1, replicationFactor)))
            .then()
            .onErrorResume(e -> e instanceof ApiException api && api.error() == ErrorCode.TOPIC_ALREADY_EXISTS,
                e -> Mono.empty());
    }

    @Override
    public Mono<Void> report(ProcessingFailure failure) {
        return Mono.defer(() -> producer.send(deadLetter(failure))).then();
    }

    ProducerRecord<byte[], byte[]> deadLetter(ProcessingFailure failure) {
        ErrantRecord r = failure.record();
        List<Header> headers = new ArrayList<>(r.headers());
        if (contextHeaders) {
            addContextHeaders(headers, failure);
        }
        return new ProducerRecord<>(topic, null, r.timestamp(), r.key(), r.value(), headers);
    }

    private static void addContextHeaders(List<Header> headers, ProcessingFailure f) {
        ErrantRecord r = f.record();
        if (r.topic() != null) {
            add(headers, ERROR_HEADER_ORIG_TOPIC, r.topic());
        }
        if (r.partition() != null) {
            add(headers, ERROR_HEADER_ORIG_PARTITION, String.valueOf(r.partition()));
        }
        if (r.offset() >= 0) {
            add(headers, ERROR_HEADER_ORIG_OFFSET, String.valueOf(r.offset()));
        }
        add(headers, ERROR_HEADER_CONNECTOR_NAME, f.task().connector());
        add(headers, ERROR_HEADER_TASK_ID, String.valueOf(f.task().task()));
        add(headers, ERROR_HEADER_STAGE, f.stage().name());
        add(headers, ERROR_HEADER_EXECUTING_CLASS, f.executingClass());
        add(headers, ERROR_HEADER_EXCEPTION, f.error().getClass().getName());
        if (f.error().getMessage() != null) {
            add(headers, ERROR_HEADER_EXCEPTION_MESSAGE, f.error().getMessage());
        }
        add(headers, ERROR_HEADER_EXCEPTION_STACK_TRACE, stackTrace(f.error()));
    }

    private static void add(List<Header> headers, String key, @Nullable String value) {
        headers.add(new Header(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
    }

    /** The full stack trace of {@code error}, causes included. */
    public static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
