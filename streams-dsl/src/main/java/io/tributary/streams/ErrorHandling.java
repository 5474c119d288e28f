package io.tributary.streams;

/**
 * What happens to a record that cannot be deserialized, processed or written.
 *
 * @since 0.1
 */
public enum ErrorHandling {
    /** Stop: the application fails with an error naming the record (topic, partition, offset). The default. */
    FAIL,
    /** Log the error with the record's coordinates, skip the record and go on. */
    LOG_AND_CONTINUE
}
