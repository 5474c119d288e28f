package io.tributary.connect.transforms.internal;

import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaBuilder;

/** Schema helpers the transforms share. Stateless. */
public final class Schemas {
    private Schemas() {
    }

    /** Gives {@code target} the name, version, doc and parameters of {@code source}; returns {@code target}. */
    public static SchemaBuilder copyBasics(Schema source, SchemaBuilder target) {
        target.name(source.name()).version(source.version()).doc(source.doc());
        return target.parameters(source.parameters());
    }

    /**
     * A builder of the same type as {@code source}, with its element (array) or key and value (map) schemas and its
     * basics, but neither its optionality, its default nor its fields.
     */
    public static SchemaBuilder basicsOf(Schema source) {
        SchemaBuilder builder = switch (source.type()) {
            case ARRAY -> SchemaBuilder.array(source.valueSchema());
            case MAP -> SchemaBuilder.map(source.keySchema(), source.valueSchema());
            default -> SchemaBuilder.type(source.type());
        };
        return copyBasics(source, builder);
    }
}
