package io.tributary.broker.internal.registry;

import org.jspecify.annotations.Nullable;

/** What the registry writes to its store: one change of a subject version or of a compatibility setting. */
sealed interface RegistryRecord {
    /** A version of a subject, registered or soft-deleted ({@code deleted}). */
    record Schema(String subject, int version, int id, SchemaType type, String schema, boolean deleted)
        implements RegistryRecord {
    }

    /** A version deleted permanently. */
    record SchemaRemoved(String subject, int version) implements RegistryRecord {
    }

    /** A compatibility level: of a subject, or the global one when {@code subject} is null; null level = removed. */
    record Config(@Nullable String subject, @Nullable CompatibilityLevel level) implements RegistryRecord {
    }
}
