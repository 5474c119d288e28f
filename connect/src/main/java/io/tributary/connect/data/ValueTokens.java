package io.tributary.connect.data;

import org.jspecify.annotations.Nullable;

/**
 * Splits text into the tokens {@link ValueTextParser} reads, with the rules of Kafka Connect's value parser: each of
 * {@code : , { } [ ] "} is a token of its own unless a backslash escapes it, and the text between them is one token
 * (escapes kept, whitespace kept). A token can be peeked at by {@link #consume}, which also skips blank tokens, and
 * a position taken by {@link #mark} can be returned to. Owned by one parse; not thread-safe.
 */
final class ValueTokens {
    private final String text;
    private int index;
    /** A token read by {@link #consume} that did not match; {@link #next} returns it first. */
    private @Nullable String peeked;

    ValueTokens(String text) {
        this.text = text;
    }

    /** The whole text. */
    String text() {
        return text;
    }

    /** Whether {@code s} is empty or only characters up to a space, as {@link String#trim()} sees them. */
    static boolean isBlank(String s) {
        return s.trim().isEmpty();
    }

    /** The position of the next token (the peeked one if any), for {@link #rewind}. */
    int mark() {
        return index - (peeked == null ? 0 : peeked.length());
    }

    /** Goes back (or forward) to a position taken by {@link #mark}. */
    void rewind(int position) {
        index = position;
        peeked = null;
    }

    boolean hasNext() {
        return peeked != null || index < text.length();
    }

    /** The next token; empty at the end of the text. */
    String next() {
        if (peeked != null) {
            String token = peeked;
            peeked = null;
            return token;
        }
        return read();
    }

    /** The text of the next {@code count} tokens, or null (and nothing consumed) if there are fewer. */
    @Nullable String next(int count) {
        int start = mark();
        for (int i = 0; i < count; i++) {
            if (!hasNext()) {
                rewind(start);
                return null;
            }
            next();
        }
        return text.substring(start, index);
    }

    /**
     * Consumes the next non-blank token if, trimmed, it is {@code expected}. Blank tokens before it are skipped for
     * good even when it does not match; the non-matching token stays next.
     */
    boolean consume(String expected) {
        if (peeked == null) {
            if (!hasNext()) {
                return false;
            }
            peeked = read();
        }
        while (isBlank(peeked) && index < text.length()) {
            peeked = read();
        }
        if (peeked.trim().equals(expected)) {
            peeked = null;
            return true;
        }
        return false;
    }

    private String read() {
        int start = index;
        boolean escaped = false;
        while (index < text.length()) {
            char c = text.charAt(index);
            if (c == '\\') {
                escaped = !escaped;
            } else if (isDelimiter(c) && !escaped) {
                if (start < index) {
                    return text.substring(start, index);
                }
                index++;
                return text.substring(start, index);
            } else {
                escaped = false;
            }
            index++;
        }
        return text.substring(start, index);
    }

    private static boolean isDelimiter(char c) {
        return c == ':' || c == ',' || c == '{' || c == '}' || c == '[' || c == ']' || c == '"';
    }
}
