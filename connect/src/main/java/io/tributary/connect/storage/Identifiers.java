package io.tributary.connect.storage;

/**
 * Makes Connect names (which may hold any character) valid identifiers of Avro and Protobuf schemas, which allow
 * ASCII letters, digits and underscores, not starting with a digit. The converters keep the original name where it
 * changed. Stateless.
 */
final class Identifiers {
    private Identifiers() {
    }

    /** {@code name} with every other character replaced by an underscore, and one prefixed before a leading digit. */
    static String sanitize(String name) {
        StringBuilder out = new StringBuilder(name.length() + 1);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
            boolean digit = c >= '0' && c <= '9';
            if (i == 0 && digit) {
                out.append('_');
            }
            out.append(letter || digit ? c : '_');
        }
        return out.length() == 0 ? "_" : out.toString();
    }

    /** A dotted full name, each part sanitised: {@code com.example.Person-1} becomes {@code com.example.Person_1}. */
    static String sanitizeFullName(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("\\.", -1)) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(sanitize(part));
        }
        return out.toString();
    }
}
