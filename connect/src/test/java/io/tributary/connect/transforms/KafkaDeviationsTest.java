package io.tributary.connect.transforms;

import static io.tributary.connect.transforms.Differential.config;
import static io.tributary.connect.transforms.Fixtures.PERSON;
import static io.tributary.connect.transforms.Fixtures.person;
import static io.tributary.connect.transforms.Fixtures.personMap;
import static io.tributary.connect.transforms.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.config.ConfigException;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.Timestamp;
import io.tributary.connect.errors.DataException;
import io.tributary.connect.source.SourceRecord;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** The places where Tributary's transforms deliberately differ from Kafka Connect 4.3.1's, one test each. */
final class KafkaDeviationsTest {
    @Test
    void replaceFieldStillHonoursTheRemovedBlacklistAndWhitelistAliases() {
        ReplaceField<SourceRecord> transform = new ReplaceField.Value<>();
        transform.configure(config("whitelist", "id,name,age", "blacklist", "age"));
        assertThat(transform.apply(value(null, personMap())).value()).isEqualTo(Map.of("id", 42L, "name", "Ann"));

        transform.configure(config("include", "id", "whitelist", "id,name"));
        assertThat(transform.apply(value(null, personMap())).value()).isEqualTo(Map.of("id", 42L));
    }

    @Test
    void extractFieldFailsWithADataExceptionForAFieldTheSchemaLacks() {
        ExtractField<SourceRecord> transform = new ExtractField.Value<>();
        transform.configure(config("field", "nope"));
        assertThatThrownBy(() -> transform.apply(value(PERSON, person())))
            .isInstanceOf(DataException.class)
            .hasMessage("Unknown field: nope");
    }

    @Test
    void timestampRouterRejectsAnInvalidPatternWhenConfigured() {
        assertThatThrownBy(() -> new TimestampRouter<SourceRecord>().configure(config("timestamp.format", "qqq")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("timestamp.format");
    }

    @Test
    void castFormatsDatesInUtcWhateverTheDefaultTimeZone() {
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
        try {
            Cast<SourceRecord> cast = new Cast.Value<>();
            cast.configure(config("spec", "string"));
            Object text = cast.apply(value(Timestamp.schema(), new java.util.Date(Fixtures.TIMESTAMP))).value();
            assertThat(text).isEqualTo("2023-11-14T22:15:23.456Z");
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void timestampConverterFailsWithADataExceptionForStringsWithoutFormat() {
        TimestampConverter<SourceRecord> convert = new TimestampConverter.Value<>();
        convert.configure(config("target.type", "unix"));
        assertThatThrownBy(() -> convert.apply(value(Schema.STRING_SCHEMA, "2024-01-01")))
            .isInstanceOf(DataException.class)
            .hasMessageContaining("no format");
    }
}
