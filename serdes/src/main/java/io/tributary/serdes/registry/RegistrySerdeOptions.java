package io.tributary.serdes.registry;

import static java.util.Objects.requireNonNull;

/**
 * How a registry-aware serde names subjects and registers schemas. Immutable; setters return a copy.
 *
 * @param isKey         whether the serde writes record keys (subject suffix {@code -key}) rather than values
 * @param strategy      the subject naming strategy (default {@link SubjectNameStrategy#TOPIC})
 * @param autoRegister  whether a serializer registers a schema it meets (default true) or only looks it up
 * @since 0.1
 */
public record RegistrySerdeOptions(boolean isKey, SubjectNameStrategy strategy, boolean autoRegister) {
    /** @throws NullPointerException if {@code strategy} is null */
    public RegistrySerdeOptions {
        requireNonNull(strategy, "strategy");
    }

    /** For record values: topic strategy, auto-registration on. */
    public static RegistrySerdeOptions forValues() {
        return new RegistrySerdeOptions(false, SubjectNameStrategy.TOPIC, true);
    }

    /** For record keys: topic strategy, auto-registration on. */
    public static RegistrySerdeOptions forKeys() {
        return new RegistrySerdeOptions(true, SubjectNameStrategy.TOPIC, true);
    }

    public RegistrySerdeOptions strategy(SubjectNameStrategy strategy) {
        return new RegistrySerdeOptions(isKey, strategy, autoRegister);
    }

    public RegistrySerdeOptions autoRegister(boolean autoRegister) {
        return new RegistrySerdeOptions(isKey, strategy, autoRegister);
    }

    /** The subject for a record named {@code recordName} written to {@code topic}. */
    public String subject(String topic, String recordName) {
        return strategy.subject(topic, isKey, recordName);
    }
}
