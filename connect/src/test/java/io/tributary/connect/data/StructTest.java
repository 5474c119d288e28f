package io.tributary.connect.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.errors.DataException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class StructTest {
    private static final Schema ADDRESS = SchemaBuilder.struct().name("Address")
        .field("city", Schema.STRING_SCHEMA)
        .build();
    private static final Schema PERSON = SchemaBuilder.struct().name("Person")
        .field("name", Schema.STRING_SCHEMA)
        .field("age", SchemaBuilder.int32().defaultValue(18).build())
        .field("nick", Schema.OPTIONAL_STRING_SCHEMA)
        .field("photo", Schema.OPTIONAL_BYTES_SCHEMA)
        .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
        .field("address", SchemaBuilder.struct().name("Address").field("city", Schema.STRING_SCHEMA).optional()
            .build())
        .build();

    @Test
    void putChecksTheFieldAndItsSchema() {
        Struct person = new Struct(PERSON);
        assertThatThrownBy(() -> person.put("missing", 1)).isInstanceOf(DataException.class)
            .hasMessage("missing is not a valid field name");
        assertThatThrownBy(() -> person.put("age", "old")).isInstanceOf(DataException.class)
            .hasMessage("Invalid Java object for schema for field \"age\" with type INT32: class java.lang.String");
        assertThatThrownBy(() -> person.put("name", null)).isInstanceOf(DataException.class)
            .hasMessage("Invalid value: null used for required field for field \"name\", schema type: STRING");
        assertThatThrownBy(() -> person.put("tags", List.of("a", 1))).isInstanceOf(DataException.class);
        assertThatThrownBy(() -> person.put("address", new Struct(ADDRESS).put("city", "Oslo")))
            .as("a struct of an equal-named but required schema").isInstanceOf(DataException.class)
            .hasMessageContaining("Struct schemas do not match");
        assertThatThrownBy(() -> person.put(new Field("name", 3, Schema.STRING_SCHEMA), "x"))
            .isInstanceOf(DataException.class).hasMessageContaining("is not a valid field");
    }

    @Test
    void unsetFieldsReadAsTheirDefaults() {
        Struct person = new Struct(PERSON).put("name", "ann");
        assertThat(person.get("age")).isEqualTo(18);
        assertThat(person.getInt32("age")).isEqualTo(18);
        assertThat(person.getWithoutDefault("age")).isNull();
        assertThat(person.get("nick")).isNull();
        assertThatThrownBy(() -> person.getString("age")).isInstanceOf(DataException.class)
            .hasMessage("Field \"age\" is of type INT32, not STRING");
    }

    @Test
    void validateFindsRequiredFieldsWithoutValueOrDefault() {
        Struct person = new Struct(PERSON);
        assertThatThrownBy(person::validate).isInstanceOf(DataException.class)
            .hasMessage("Invalid value: null used for required field for field \"name\", schema type: STRING");
        person.put("name", "ann");
        person.validate();
    }

    @Test
    void equalityComparesBytesByContentAndAgreesWithHashCode() {
        Struct a = new Struct(PERSON).put("name", "ann").put("photo", new byte[] {1, 2})
            .put("tags", List.of("x"));
        Struct b = new Struct(PERSON).put("name", "ann").put("photo", ByteBuffer.wrap(new byte[] {1, 2}))
            .put("tags", List.of("x"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new Struct(PERSON).put("name", "ann").put("photo", new byte[] {1, 3}));

        Schema nested = SchemaBuilder.struct().field("blobs", SchemaBuilder.array(Schema.BYTES_SCHEMA).build())
            .field("byKey", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.BYTES_SCHEMA).build()).build();
        Struct c = new Struct(nested).put("blobs", List.of(new byte[] {7})).put("byKey", Map.of("k", new byte[] {8}));
        Struct d = new Struct(nested).put("blobs", List.of(new byte[] {7})).put("byKey", Map.of("k", new byte[] {8}));
        assertThat(c).isEqualTo(d).hasSameHashCodeAs(d);
    }

    @Test
    void equalityCountsExplicitValuesNotDefaults() {
        Struct unset = new Struct(PERSON).put("name", "ann");
        Struct explicit = new Struct(PERSON).put("name", "ann").put("age", 18);
        assertThat(unset).isNotEqualTo(explicit);
    }

    @Test
    void onlyStructSchemasMakeStructs() {
        assertThatThrownBy(() -> new Struct(Schema.INT32_SCHEMA)).isInstanceOf(DataException.class);
    }
}
