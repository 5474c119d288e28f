package io.tributary.protocol.generator;

import java.util.List;
import java.util.Map;

/**
 * One message of a {@code .msg} file: a request, a response, a header or a plain data struct.
 *
 * @param kind      {@code request}, {@code response}, {@code header} or {@code data}
 * @param name      API or struct name; requests and responses get a {@code Request}/{@code Response} suffix
 * @param apiKey    the API key, or {@code -1} for headers and data
 * @param versions  valid versions
 * @param flexible  flexible versions
 * @param fields    top-level fields
 * @param structs   named structs shared by several fields of this message
 * @param source    definition file name, for messages and generated headers
 */
record MessageSpec(String kind, String name, int apiKey, Versions versions, Versions flexible,
                   List<FieldSpec> fields, Map<String, List<FieldSpec>> structs, String source) {

    String className() {
        return switch (kind) {
            case "request" -> name + "Request";
            case "response" -> name + "Response";
            default -> name;
        };
    }
}
