package io.tributary.connect.internal.errors;

/** Where in a task's pipeline an operation failed, as the {@code __connect.errors.stage} header names it. */
public enum Stage {
    /** Reading records from a source task. */
    TASK_POLL,
    /** Handing records to a sink task. */
    TASK_PUT,
    /** Applying a single message transform or its predicate. */
    TRANSFORMATION,
    /** Converting a record key. */
    KEY_CONVERTER,
    /** Converting a record value. */
    VALUE_CONVERTER,
    /** Converting record headers. */
    HEADER_CONVERTER,
    /** Writing a source record to Kafka. */
    KAFKA_PRODUCE,
    /** Reading a record from Kafka for a sink task. */
    KAFKA_CONSUME
}
