package io.tributary.connect.internal.rest;

import io.tributary.connect.internal.herder.ConnectRestException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a request target into percent-decoded path segments and encodes a name back into one segment. A path
 * parameter is decoded only after the path is split, so a connector named {@code a/b} travels as {@code a%2Fb} and
 * matches one {@code {connector}} segment. Unlike query strings, {@code +} in a path is a plus sign, not a space.
 * Stateless and thread-safe.
 */
final class PathSegments {
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegments() {
    }

    /**
     * The decoded segments of a request target's path ({@code /connectors/a%20b/status?x=1} → {@code [connectors,
     * a b, status]}). A trailing slash is ignored, as Jersey ignores it; empty inner segments stay, so they match no
     * template.
     *
     * @throws ConnectRestException 400 if a segment is not valid percent-encoded UTF-8
     */
    static List<String> decode(String requestTarget) {
        String path = rawPath(requestTarget);
        List<String> segments = new ArrayList<>();
        int start = path.startsWith("/") ? 1 : 0;
        if (start >= path.length()) {
            return segments;
        }
        String[] parts = path.substring(start).split("/", -1);
        int count = parts[parts.length - 1].isEmpty() ? parts.length - 1 : parts.length;
        for (int i = 0; i < count; i++) {
            segments.add(decodeSegment(parts[i]));
        }
        return segments;
    }

    /** Percent-encodes a value so that it forms exactly one path segment (every byte outside RFC 3986 unreserved). */
    static String encode(String segment) {
        StringBuilder out = new StringBuilder(segment.length());
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            if (b >= 0 && UNRESERVED.indexOf(b) >= 0) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    private static String rawPath(String requestTarget) {
        String target = requestTarget;
        // An absolute-form target (a request sent through a proxy) carries scheme and authority before the path.
        int schemeEnd = target.indexOf("://");
        if (schemeEnd > 0 && schemeEnd < target.indexOf('/')) {
            int pathStart = target.indexOf('/', schemeEnd + 3);
            target = pathStart < 0 ? "/" : target.substring(pathStart);
        }
        int end = target.length();
        int query = target.indexOf('?');
        if (query >= 0) {
            end = query;
        }
        int fragment = target.indexOf('#');
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        return target.substring(0, end);
    }

    private static String decodeSegment(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
            if (high < 0 || low < 0) {
                throw ConnectRestException.badRequest("Malformed percent-encoding in path segment " + raw);
            }
            bytes.write((high << 4) | low);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes.toByteArray()))
                .toString();
        } catch (CharacterCodingException e) {
            throw ConnectRestException.badRequest("Path segment " + raw + " is not percent-encoded UTF-8");
        }
    }
}
