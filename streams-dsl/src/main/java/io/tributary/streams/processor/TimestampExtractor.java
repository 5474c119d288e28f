package io.tributary.streams.processor;

/**
 * Gives the event time of an input record, e.g. from a field of its value. By default the record's own timestamp
 * is used.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface TimestampExtractor {
    /**
     * @param record        the deserialized input record, with the timestamp it was written with
     * @param partitionTime the largest timestamp seen on this partition so far, or -1
     * @return the event time in ms; a negative value is a processing error (see
     *         {@code StreamsOptions.processingErrorHandling})
     */
    long extract(Record<Object, Object> record, long partitionTime);
}
