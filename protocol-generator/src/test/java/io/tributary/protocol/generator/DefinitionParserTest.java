package io.tributary.protocol.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

final class DefinitionParserTest {

    @Test
    void parsesNestedFieldsNamedStructsAndAttributes() {
        List<MessageSpec> specs = DefinitionParser.parse("T.msg", String.join("\n",
            "# a comment",
            "request Thing key=99 versions=1-4 flexible=3+",
            "  Name string v=2+ null=2+ default=null",
            "  Items []Item",
            "    Id int32 default=-1",
            "  Leader LeaderIdAndEpoch tag=0 tagged=3+",
            "  struct LeaderIdAndEpoch",
            "    LeaderId int32",
            "",
            "response Thing key=99 versions=1-4 flexible=3+",
            "  ErrorCode int16"));
        assertThat(specs).hasSize(2);
        MessageSpec request = specs.get(0);
        assertThat(request.className()).isEqualTo("ThingRequest");
        assertThat(request.apiKey()).isEqualTo(99);
        assertThat(request.flexible()).isEqualTo(Versions.parse("3+"));
        FieldSpec name = request.fields().get(0);
        assertThat(name.nullable()).isEqualTo(Versions.parse("2+"));
        assertThat(name.defaultValue()).isEqualTo("null");
        FieldSpec items = request.fields().get(1);
        assertThat(items.isArray()).isTrue();
        assertThat(items.fields()).extracting(FieldSpec::name).containsExactly("Id");
        FieldSpec leader = request.fields().get(2);
        assertThat(leader.isTagged()).isTrue();
        assertThat(leader.tagged()).isEqualTo(Versions.parse("3+"));
        assertThat(request.structs()).containsOnlyKeys("LeaderIdAndEpoch");
        assertThat(specs.get(1).className()).isEqualTo("ThingResponse");
    }

    @Test
    void rejectsUnknownAttributesWithTheLine() {
        assertThatThrownBy(() -> DefinitionParser.parse("Bad.msg", "data X versions=0\n  A int32 colour=red\n"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("Bad.msg")
            .hasMessageContaining("unknown field attribute 'colour'");
        assertThatThrownBy(() -> DefinitionParser.parse("Bad.msg", "request X versions=0\n"))
            .hasMessageContaining("needs key=");
    }

    @Test
    void generatedClassCompilesToExpectedShape() {
        MessageSpec spec = DefinitionParser.parse("T.msg", "data Pair versions=0-1 flexible=1+\n"
            + "  Left int32\n  Right string v=1+ tag=0 default=null null=1+\n").get(0);
        String java = new MessageGenerator(spec).generate();
        assertThat(java).contains("public final class Pair implements Message")
            .contains("public Pair left(int value)")
            .contains("boolean _writeRight = version >= 1 && this.right != null;");
    }
}
