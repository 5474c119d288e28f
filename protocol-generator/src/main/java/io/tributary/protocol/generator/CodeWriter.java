package io.tributary.protocol.generator;

/** Accumulates generated Java source with four-space indentation. Not thread-safe. */
final class CodeWriter {
    private final StringBuilder out = new StringBuilder();
    private int depth;

    /** Writes one line; a line ending with '{' indents what follows, one starting with '}' unindents itself. */
    CodeWriter line(String text) {
        if (text.startsWith("}")) {
            depth--;
        }
        if (!text.isEmpty()) {
            out.append("    ".repeat(Math.max(depth, 0))).append(text);
        }
        out.append('\n');
        if (text.endsWith("{")) {
            depth++;
        }
        return this;
    }

    CodeWriter line(String format, Object... args) {
        return line(String.format(format, args));
    }

    CodeWriter blank() {
        out.append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
