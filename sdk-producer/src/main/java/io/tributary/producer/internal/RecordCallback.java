package io.tributary.producer.internal;

import io.tributary.producer.RecordMetadata;

/**
 * Told the outcome of one appended record, exactly once, on the thread that completes its batch (usually a network
 * event loop): implementations only hand the outcome on.
 */
interface RecordCallback {
    void onSent(RecordMetadata metadata);

    void onFailed(Throwable error);
}
