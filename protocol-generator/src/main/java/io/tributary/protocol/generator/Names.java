package io.tributary.protocol.generator;

import java.util.Set;

/** Turns schema names into Java names. */
final class Names {
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
        "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
        "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
        "native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
        "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while",
        "true", "false", "null", "record", "var", "yield", "sealed", "permits");

    private Names() {
    }

    /** {@code TopicId} becomes {@code topicId}; a Java keyword gets a {@code Value} suffix. */
    static String field(String schemaName) {
        String n = Character.toLowerCase(schemaName.charAt(0)) + schemaName.substring(1);
        if (schemaName.length() > 1 && Character.isUpperCase(schemaName.charAt(1))) {
            // Leading acronyms such as "IP" or "ID" stay readable: "IPAddress" -> "ipAddress".
            int i = 0;
            while (i < schemaName.length() && Character.isUpperCase(schemaName.charAt(i))
                && (i + 1 >= schemaName.length() || Character.isUpperCase(schemaName.charAt(i + 1)))) {
                i++;
            }
            n = schemaName.substring(0, i).toLowerCase() + schemaName.substring(i);
        }
        return KEYWORDS.contains(n) ? n + "Value" : n;
    }

    /** {@code OffsetForLeaderEpoch} becomes {@code OFFSET_FOR_LEADER_EPOCH}. */
    static String constant(String camel) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            boolean boundary = i > 0 && Character.isUpperCase(c) && (Character.isLowerCase(camel.charAt(i - 1))
                || (i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1))));
            if (boundary) {
                b.append('_');
            }
            b.append(Character.toUpperCase(c));
        }
        return b.toString();
    }
}
