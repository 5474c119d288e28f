package io.tributary.broker.internal.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Protobuf schema ({@code .proto} text). Compatibility follows the wire format: a reader keeps every message the
 * writer had, reads each field number with a type of the same wire encoding (varint types together, zigzag types
 * together, fixed 32 and 64 bit types, string with bytes, named types by name, enums as varints), keeps repeated
 * fields repeated, does not add or drop proto2 {@code required} fields, and does not move fields into a oneof.
 */
final class ProtobufSchema implements ParsedSchema {
    private static final List<Set<String>> WIRE_GROUPS = List.of(
        Set.of("int32", "uint32", "int64", "uint64", "bool"),
        Set.of("sint32", "sint64"),
        Set.of("fixed32", "sfixed32"),
        Set.of("fixed64", "sfixed64"),
        Set.of("string", "bytes"),
        Set.of("float"),
        Set.of("double"));
    private static final Set<String> VARINT = WIRE_GROUPS.get(0);

    private final ProtoFile file;
    private final String canonical;

    private ProtobufSchema(ProtoFile file, String canonical) {
        this.file = file;
        this.canonical = canonical;
    }

    /**
     * Parses a {@code .proto} text.
     *
     * @throws RegistryException 42201 naming the line of the first error
     */
    static ProtobufSchema parse(String text) {
        return new ProtobufSchema(ProtoParser.parse(text), text.strip());
    }

    @Override
    public SchemaType type() {
        return SchemaType.PROTOBUF;
    }

    @Override
    public String canonical() {
        return canonical;
    }

    @Override
    public List<String> readErrors(ParsedSchema writer) {
        if (!(writer instanceof ProtobufSchema w)) {
            return List.of("schema type changed from " + writer.type() + " to PROTOBUF");
        }
        List<String> out = new ArrayList<>();
        if (!file.packageName().equals(w.file.packageName())) {
            out.add("package changed from '" + w.file.packageName() + "' to '" + file.packageName() + "'");
            return out;
        }
        for (ProtoFile.Message old : w.file.messageList()) {
            ProtoFile.Message mine = file.messages().get(old.fullName());
            if (mine == null) {
                out.add("message " + old.fullName() + " was removed");
            } else {
                compare(mine, old, w.file, out);
            }
        }
        return out;
    }

    private void compare(ProtoFile.Message reader, ProtoFile.Message writer, ProtoFile writerFile, List<String> out) {
        String where = reader.fullName();
        for (ProtoFile.Field old : writer.fields().values()) {
            ProtoFile.Field mine = reader.fields().get(old.number());
            if (mine == null) {
                if (old.label().equals("required")) {
                    out.add(where + ": required field " + old.number() + " (" + old.name() + ") was removed");
                }
                continue;
            }
            String field = where + ": field " + old.number() + " (" + old.name() + ")";
            if (mine.label().equals("required") && !old.label().equals("required")) {
                out.add(field + " became required");
            }
            if (mine.repeated() != old.repeated()) {
                out.add(field + " changed between repeated and singular");
            } else if (!sameEncoding(mine.type(), file, old.type(), writerFile)) {
                out.add(field + " changed type from " + old.type() + " to " + mine.type());
            }
            if (old.oneof() == null && mine.oneof() != null && writer.fields().values().stream()
                .anyMatch(f -> mine.oneof().equals(f.oneof()))) {
                out.add(field + " was moved into the existing oneof " + mine.oneof());
            }
        }
        for (ProtoFile.Field mine : reader.fields().values()) {
            if (mine.label().equals("required") && !writer.fields().containsKey(mine.number())) {
                out.add(where + ": required field " + mine.number() + " (" + mine.name() + ") was added");
            }
        }
    }

    private static boolean sameEncoding(String readerType, ProtoFile readerFile, String writerType,
                                        ProtoFile writerFile) {
        if (readerType.equals(writerType)) {
            return true;
        }
        boolean readerScalar = isScalar(readerType);
        boolean writerScalar = isScalar(writerType);
        if (readerScalar && writerScalar) {
            return WIRE_GROUPS.stream().anyMatch(g -> g.contains(readerType) && g.contains(writerType));
        }
        if (!readerScalar && !writerScalar) {
            return simpleName(readerType).equals(simpleName(writerType));
        }
        // an enum is a varint on the wire
        return readerScalar ? VARINT.contains(readerType) && isEnum(writerType, writerFile)
            : VARINT.contains(writerType) && isEnum(readerType, readerFile);
    }

    private static boolean isScalar(String type) {
        return WIRE_GROUPS.stream().anyMatch(g -> g.contains(type));
    }

    private static boolean isEnum(String type, ProtoFile file) {
        String simple = simpleName(type);
        return file.enums().keySet().stream().map(ProtobufSchema::simpleName).anyMatch(simple::equals);
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    /** The parsed file, for tests. */
    Map<String, ProtoFile.Message> messages() {
        return file.messages();
    }
}
