package io.tributary.serdes.registry;

/**
 * How the subject a schema is registered under is named, as in the Confluent serializers.
 *
 * @since 0.1
 */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} or {@code <topic>-value}: one schema lineage per topic (the default). */
    TOPIC,
    /** The record's full name: one lineage per type, shared across topics. */
    RECORD,
    /** {@code <topic>-<record full name>}: several types per topic, each with its own lineage. */
    TOPIC_RECORD;

    /** The subject for a record of {@code recordName} written to {@code topic} as key or value. */
    public String subject(String topic, boolean isKey, String recordName) {
        return switch (this) {
            case TOPIC -> topic + (isKey ? "-key" : "-value");
            case RECORD -> recordName;
            case TOPIC_RECORD -> topic + "-" + recordName;
        };
    }
}
