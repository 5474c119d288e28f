package io.tributary.connect.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.internal.herder.ConnectRestException;
import java.util.List;
import org.junit.jupiter.api.Test;

final class PathSegmentsTest {
    @Test
    void splitsBeforeDecodingSoEncodedSlashesStayInOneSegment() {
        assertThat(PathSegments.decode("/connectors/a%2Fb/status")).containsExactly("connectors", "a/b", "status");
    }

    @Test
    void decodesUtf8AndKeepsPlusAsPlus() {
        assertThat(PathSegments.decode("/connectors/%C3%BC+x%20y")).containsExactly("connectors", "ü+x y");
    }

    @Test
    void ignoresQueryFragmentAndTrailingSlashButKeepsEmptyInnerSegments() {
        assertThat(PathSegments.decode("/connectors/?expand=status#top")).containsExactly("connectors");
        assertThat(PathSegments.decode("/connectors//status")).containsExactly("connectors", "", "status");
        assertThat(PathSegments.decode("/")).isEmpty();
        assertThat(PathSegments.decode("")).isEmpty();
    }

    @Test
    void acceptsAbsoluteFormTargets() {
        assertThat(PathSegments.decode("http://host:8083/connectors/a?x=1")).containsExactly("connectors", "a");
        assertThat(PathSegments.decode("http://host:8083")).isEmpty();
    }

    @Test
    void rejectsMalformedEscapesAndInvalidUtf8With400() {
        for (String target : List.of("/connectors/%zz", "/connectors/%4", "/connectors/%C3")) {
            assertThatThrownBy(() -> PathSegments.decode(target))
                .as(target)
                .isInstanceOfSatisfying(ConnectRestException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void encodesEverythingButUnreservedCharactersAndRoundTrips() {
        String name = "a b/c+d?e#f%g~h.i_j-k ü";

        String encoded = PathSegments.encode(name);

        assertThat(encoded).isEqualTo("a%20b%2Fc%2Bd%3Fe%23f%25g~h.i_j-k%20%C3%BC");
        assertThat(PathSegments.decode("/" + encoded)).containsExactly(name);
    }
}
