package io.tributary.connect.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.errors.DataException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class SchemaBuilderTest {
    @Test
    void eachPropertyMayBeSetOnce() {
        assertThatThrownBy(() -> SchemaBuilder.int32().name("a").name("b"))
            .isInstanceOf(DataException.class)
            .hasMessage("Invalid SchemaBuilder call: name has already been set to a");
        assertThatThrownBy(() -> SchemaBuilder.int32().version(1).version(2))
            .isInstanceOf(DataException.class).hasMessageContaining("version has already been set to 1");
        assertThatThrownBy(() -> SchemaBuilder.int32().doc("x").doc("y"))
            .isInstanceOf(DataException.class).hasMessageContaining("doc has already been set to x");
        assertThatThrownBy(() -> SchemaBuilder.int32().defaultValue(1).defaultValue(2))
            .isInstanceOf(DataException.class).hasMessageContaining("default value has already been set to 1");
    }

    @Test
    void fieldsBelongToStructsAndTheirNamesAreUnique() {
        assertThatThrownBy(() -> SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA)
                .field("a", Schema.STRING_SCHEMA))
            .isInstanceOf(DataException.class)
            .hasMessage("Cannot create field because of field name duplication a");
        assertThatThrownBy(() -> SchemaBuilder.array(Schema.INT32_SCHEMA).field("a", Schema.INT32_SCHEMA))
            .isInstanceOf(DataException.class).hasMessageContaining("Cannot add field \"a\" to a ARRAY schema");
    }

    @Test
    void fieldsKeepTheirOrderAndIndexes() {
        Schema schema = SchemaBuilder.struct().field("b", Schema.INT8_SCHEMA).field("a", Schema.STRING_SCHEMA).build();
        assertThat(schema.fields()).containsExactly(new Field("b", 0, Schema.INT8_SCHEMA),
            new Field("a", 1, Schema.STRING_SCHEMA));
        assertThat(schema.field("a").index()).isEqualTo(1);
        assertThat(schema.field("missing")).isNull();
    }

    @Test
    void aDefaultMustFitTheSchema() {
        assertThatThrownBy(() -> SchemaBuilder.int32().defaultValue("seven").build())
            .isInstanceOf(DataException.class)
            .hasMessageContaining("Invalid Java object for schema with type INT32: class java.lang.String");
        assertThatThrownBy(() -> SchemaBuilder.array(Schema.INT32_SCHEMA).defaultValue(List.of("x")).build())
            .isInstanceOf(DataException.class);
        assertThatThrownBy(() -> Decimal.builder(2).defaultValue(1.5).build()).isInstanceOf(DataException.class);
        assertThat(SchemaBuilder.int32().optional().defaultValue(7).build().defaultValue()).isEqualTo(7);
    }

    @Test
    void buildIsRepeatableAndSchemasAreValues() {
        SchemaBuilder builder = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_INT64_SCHEMA).name("m")
            .version(3).doc("d").parameter("k", "v");
        Schema first = builder.build();
        assertThat(builder.build()).isEqualTo(first).hasSameHashCodeAs(first);
        assertThat(first.parameters()).isEqualTo(Map.of("k", "v"));
        assertThat(first).isNotEqualTo(SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_INT64_SCHEMA).build());
    }

    @Test
    void copyOfKeepsAllButOptionalityAndDefault() {
        Schema original = SchemaBuilder.struct().name("s").version(2).doc("d").parameter("p", "q")
            .field("x", Schema.INT32_SCHEMA).optional().build();
        Schema copy = SchemaBuilder.copyOf(original).build();
        assertThat(copy.isOptional()).isFalse();
        assertThat(copy.name()).isEqualTo("s");
        assertThat(copy.fields()).isEqualTo(original.fields());
        assertThat(SchemaBuilder.copyOf(original).optional().build()).isEqualTo(original);
    }

    @Test
    void partsOfOtherTypesCannotBeLookedUp() {
        assertThatThrownBy(() -> Schema.INT32_SCHEMA.fields()).isInstanceOf(DataException.class)
            .hasMessage("Cannot look up fields of a INT32 schema, only of a STRUCT");
        assertThatThrownBy(() -> Schema.STRING_SCHEMA.keySchema()).isInstanceOf(DataException.class);
        assertThatThrownBy(() -> Schema.STRING_SCHEMA.valueSchema()).isInstanceOf(DataException.class);
        assertThat(SchemaBuilder.array(Schema.INT8_SCHEMA).build().valueSchema()).isEqualTo(Schema.INT8_SCHEMA);
    }
}
