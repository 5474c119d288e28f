package io.tributary.connect.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

final class TableIdTest {
    @Property
    void theQuotedFormParsesBackToTheSameId(@ForAll("tableIds") TableId id) {
        assertThat(TableId.parse(id.toString())).isEqualTo(id);
    }

    @Property
    void aFormattedListParsesBackToTheSameIds(@ForAll("tableIds") TableId a, @ForAll("tableIds") TableId b) {
        assertThat(TableId.parseList(TableId.formatList(List.of(a, b)))).containsExactly(a, b);
    }

    @Provide
    Arbitrary<TableId> tableIds() {
        // Names with the characters that need quoting: dots, commas, quotes, spaces.
        Arbitrary<String> names = Arbitraries.strings().withChars("aZ_.,\" 1é").ofMinLength(1).ofMaxLength(8);
        return Combinators.combine(names.injectNull(0.3), names.injectNull(0.3), names)
                          .as((catalog, schema, table) -> new TableId(schema == null ? null : catalog, schema, table));
    }

    @Test
    void parsesWhatUsersWrite() {
        assertThat(TableId.parse("orders")).isEqualTo(TableId.of("orders"));
        assertThat(TableId.parse(" public.orders ")).isEqualTo(new TableId(null, "public", "orders"));
        assertThat(TableId.parse("\"My Schema\".\"Or.ders\"")).isEqualTo(new TableId(null, "My Schema", "Or.ders"));
        assertThat(TableId.parse("db.s.t")).isEqualTo(new TableId("db", "s", "t"));
        assertThatThrownBy(() -> TableId.parse("a.b.c.d")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TableId.parse("\"open")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPartLeftOutMatchesAnything() {
        TableId table = new TableId(null, "public", "orders");

        assertThat(table.matches(TableId.of("orders"))).isTrue();
        assertThat(table.matches(new TableId(null, "public", "orders"))).isTrue();
        assertThat(table.matches(new TableId(null, "other", "orders"))).isFalse();
        assertThat(table.matches(TableId.of("Orders"))).isFalse();
    }
}
