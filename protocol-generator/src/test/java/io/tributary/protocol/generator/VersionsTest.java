package io.tributary.protocol.generator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class VersionsTest {

    @Test
    void parsesEveryForm() {
        assertThat(Versions.parse("3+")).isEqualTo(new Versions(3, Versions.OPEN));
        assertThat(Versions.parse("0-12")).isEqualTo(new Versions(0, 12));
        assertThat(Versions.parse("5")).isEqualTo(new Versions(5, 5));
        assertThat(Versions.parse("none").isEmpty()).isTrue();
    }

    @Test
    void conditionsAreMinimalWithinTheMessageRange() {
        Versions message = new Versions(3, 13);
        assertThat(Versions.parse("0+").condition(message)).isEqualTo("true");
        assertThat(Versions.parse("0-2").condition(message)).isEqualTo("false");
        assertThat(Versions.parse("9+").condition(message)).isEqualTo("version >= 9");
        assertThat(Versions.parse("0-12").condition(message)).isEqualTo("version <= 12");
        assertThat(Versions.parse("5-7").condition(message)).isEqualTo("version >= 5 && version <= 7");
        assertThat(Versions.parse("6").condition(message)).isEqualTo("version == 6");
    }
}
