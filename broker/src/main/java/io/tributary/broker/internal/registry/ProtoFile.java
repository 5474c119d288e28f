package io.tributary.broker.internal.registry;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the registry needs of a parsed {@code .proto} file: its package and, by full name, every message and enum with
 * their fields and values. Immutable.
 */
record ProtoFile(String syntax, String packageName, Map<String, Message> messages, Map<String, ProtoEnum> enums) {

    /** A field: its label ({@code repeated}, {@code optional}, {@code required} or empty), type and oneof. */
    record Field(String name, int number, String label, String type, @Nullable String oneof) {
        boolean repeated() {
            return label.equals("repeated") || type.startsWith("map<");
        }
    }

    /** A message, named in full ({@code package.Outer.Inner}), with its fields by number. */
    record Message(String fullName, Map<Integer, Field> fields) {
    }

    /** An enum with its values by number. */
    record ProtoEnum(String fullName, Map<Integer, String> values) {
    }

    /** The messages in declaration order, outer before nested. */
    List<Message> messageList() {
        return List.copyOf(messages.values());
    }
}
