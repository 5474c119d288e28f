package io.tributary.broker.internal.registry;

import java.util.List;

/** A schema the registry has parsed: its type, its normalised text, and how it reads data of another schema. */
interface ParsedSchema {
    SchemaType type();

    /** The schema's text as stored and returned: normalised, so equal schemas compare equal. */
    String canonical();

    /**
     * Why data written with {@code writer} could not be read with this schema; empty when it can. Schemas of another
     * type are never readable.
     */
    List<String> readErrors(ParsedSchema writer);
}
