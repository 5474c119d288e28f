package io.tributary.connect.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.errors.DataException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Schema.validateValue: which Java objects each schema takes, and the messages that say why not. */
final class SchemaValidateValueTest {
    @Test
    void primitivesTakeExactlyTheirJavaType() {
        Object[][] fits = {
            {Schema.INT8_SCHEMA, (byte) 1}, {Schema.INT16_SCHEMA, (short) 1}, {Schema.INT32_SCHEMA, 1},
            {Schema.INT64_SCHEMA, 1L}, {Schema.FLOAT32_SCHEMA, 1f}, {Schema.FLOAT64_SCHEMA, 1d},
            {Schema.BOOLEAN_SCHEMA, true}, {Schema.STRING_SCHEMA, "s"}, {Schema.BYTES_SCHEMA, new byte[0]},
            {Schema.BYTES_SCHEMA, ByteBuffer.allocate(0)},
        };
        for (Object[] fit : fits) {
            assertThatCode(() -> Schema.validateValue((Schema) fit[0], fit[1])).doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> Schema.validateValue(Schema.INT64_SCHEMA, 1))
            .isInstanceOf(DataException.class)
            .hasMessage("Invalid Java object for schema with type INT64: class java.lang.Integer");
        assertThatThrownBy(() -> Schema.validateValue(Schema.FLOAT64_SCHEMA, 1f)).isInstanceOf(DataException.class);
    }

    @Test
    void nullFitsOptionalSchemasOnly() {
        Schema.validateValue(Schema.OPTIONAL_INT32_SCHEMA, null);
        assertThatThrownBy(() -> Schema.validateValue(Schema.INT32_SCHEMA, null))
            .isInstanceOf(DataException.class)
            .hasMessage("Invalid value: null used for required field, schema type: INT32");
        assertThatThrownBy(() -> Schema.validateValue("f", Schema.INT32_SCHEMA, null))
            .hasMessage("Invalid value: null used for required field for field \"f\", schema type: INT32");
    }

    @Test
    void containersAreCheckedElementByElement() {
        Schema list = SchemaBuilder.array(Schema.INT32_SCHEMA).build();
        Schema.validateValue(list, List.of(1, 2));
        assertThatThrownBy(() -> Schema.validateValue(list, Arrays.asList(1, null)))
            .isInstanceOf(DataException.class).hasMessageContaining("null used for required field");
        Schema map = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_INT64_SCHEMA).build();
        Schema.validateValue(map, java.util.Collections.singletonMap("k", null));
        assertThatThrownBy(() -> Schema.validateValue(map, Map.of(1, 1L)))
            .isInstanceOf(DataException.class).hasMessageContaining("class java.lang.Integer");
        assertThatThrownBy(() -> Schema.validateValue(list, Map.of())).isInstanceOf(DataException.class)
            .hasMessageStartingWith("Invalid Java object for schema with type ARRAY: class java.util.");
    }

    @Test
    void structsMustBeOfAnEqualSchemaAndComplete() {
        Schema a = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build();
        Schema sameAsA = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build();
        Schema b = SchemaBuilder.struct().field("y", Schema.INT32_SCHEMA).build();
        Schema.validateValue(a, new Struct(sameAsA).put("x", 1));
        assertThatThrownBy(() -> Schema.validateValue(a, new Struct(b).put("y", 1)))
            .isInstanceOf(DataException.class).hasMessage("Struct schemas do not match");
        assertThatThrownBy(() -> Schema.validateValue(a, new Struct(a)))
            .isInstanceOf(DataException.class).hasMessageContaining("for field \"x\"");
    }

    @Test
    void schemasDescribeThemselves() {
        assertThat(Schema.OPTIONAL_STRING_SCHEMA).hasToString("Schema{STRING, optional}");
        assertThat(Decimal.schema(2)).hasToString("Schema{org.apache.kafka.connect.data.Decimal:BYTES}");
    }
}
