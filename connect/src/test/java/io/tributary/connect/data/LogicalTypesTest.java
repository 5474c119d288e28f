package io.tributary.connect.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.errors.DataException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Decimal, Date, Time and Timestamp: Kafka Connect's schema names, stored forms and checks. */
final class LogicalTypesTest {
    private static final long DAY = 86_400_000L;

    @Test
    void schemasCarryKafkasNamesAndVersions() {
        assertThat(Decimal.schema(2).name()).isEqualTo("org.apache.kafka.connect.data.Decimal");
        assertThat(Decimal.schema(2).parameters()).containsEntry("scale", "2");
        assertThat(Date.schema().type()).isEqualTo(Schema.Type.INT32);
        assertThat(Time.schema().name()).isEqualTo("org.apache.kafka.connect.data.Time");
        assertThat(Timestamp.schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(Timestamp.schema().version()).isEqualTo(1);
    }

    @Test
    void decimalsAreTheirUnscaledTwosComplementAndKeepTheirScale() {
        Schema schema = Decimal.schema(2);
        assertThat(Decimal.fromLogical(schema, new BigDecimal("-2.56"))).containsExactly(0xFF, 0x00);
        assertThat(Decimal.fromLogical(schema, new BigDecimal("-1.28"))).containsExactly(0x80);
        assertThat(Decimal.toLogical(schema, new byte[] {0x30, 0x39})).isEqualTo(new BigDecimal("123.45"));
        assertThatThrownBy(() -> Decimal.fromLogical(schema, new BigDecimal("1.5")))
            .isInstanceOf(DataException.class)
            .hasMessage("BigDecimal has mismatching scale value for given Decimal schema: expected 2, was 1");
        assertThatThrownBy(() -> Decimal.scale(Schema.BYTES_SCHEMA)).isInstanceOf(DataException.class)
            .hasMessage("Invalid Decimal schema: scale parameter not found.");
    }

    @Test
    void datesAreWholeDaysSinceTheEpoch() {
        assertThat(Date.fromLogical(Date.schema(), new java.util.Date(3 * DAY))).isEqualTo(3);
        assertThat(Date.fromLogical(Date.schema(), new java.util.Date(-2 * DAY))).isEqualTo(-2);
        assertThat(Date.toLogical(Date.schema(), -2)).isEqualTo(new java.util.Date(-2 * DAY));
        assertThatThrownBy(() -> Date.fromLogical(Date.schema(), new java.util.Date(3 * DAY + 1)))
            .isInstanceOf(DataException.class)
            .hasMessage("Kafka Connect Date type should not have any time fields set to non-zero values.");
    }

    @Test
    void timesAreMillisWithinTheEpochDay() {
        assertThat(Time.fromLogical(Time.schema(), new java.util.Date(DAY - 1))).isEqualTo((int) (DAY - 1));
        assertThatThrownBy(() -> Time.fromLogical(Time.schema(), new java.util.Date(DAY)))
            .isInstanceOf(DataException.class)
            .hasMessage("Kafka Connect Time type should not have any date fields set to non-zero values.");
        assertThatThrownBy(() -> Time.fromLogical(Time.schema(), new java.util.Date(-1)))
            .isInstanceOf(DataException.class);
        assertThatThrownBy(() -> Time.toLogical(Time.schema(), (int) DAY)).isInstanceOf(DataException.class);
        assertThatThrownBy(() -> Time.toLogical(Time.schema(), -1)).isInstanceOf(DataException.class);
    }

    @Test
    void timestampsAreEpochMillis() {
        assertThat(Timestamp.fromLogical(Timestamp.schema(), new java.util.Date(-5))).isEqualTo(-5L);
        assertThat(Timestamp.toLogical(Timestamp.schema(), 1_700_000_000_000L))
            .isEqualTo(new java.util.Date(1_700_000_000_000L));
    }

    @Test
    void logicalSchemasTakeTheirJavaTypesOnly() {
        Schema.validateValue(Decimal.schema(1), new BigDecimal("1.0"));
        Schema.validateValue(Date.schema(), new java.util.Date(0));
        assertThatThrownBy(() -> Schema.validateValue(Date.schema(), 0)).isInstanceOf(DataException.class)
            .hasMessage("Invalid Java object for schema with type INT32 (org.apache.kafka.connect.data.Date): "
                + "class java.lang.Integer");
        assertThatThrownBy(() -> Schema.validateValue(Decimal.schema(1), new byte[] {1}))
            .isInstanceOf(DataException.class);
    }
}
