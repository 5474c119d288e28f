package io.tributary.connect.internal.rest;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps a method and decoded path segments to a {@link RestHandler} and its path parameters. Templates are
 * slash-separated literals and {@code {name}} parameters, each matching one non-empty segment. A path that matches a
 * template but not its method resolves to {@link Resolution.NotAllowed} with the methods it does allow (HTTP 405);
 * no template at all resolves to {@link Resolution.NotFound} (404).
 *
 * <p>Filled in while the server is assembled, then only read: safe to share between event loops once built.
 */
final class Router {
    private final List<Route> routes = new ArrayList<>();

    /** Adds a route; the first route whose template and method match wins. */
    Router add(HttpMethod method, String template, RestHandler handler) {
        requireNonNull(method, "method");
        requireNonNull(handler, "handler");
        routes.add(new Route(method, Template.parse(template), handler));
        return this;
    }

    /** Finds the handler for a request. */
    Resolution resolve(HttpMethod method, List<String> segments) {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> params = route.template.match(segments);
            if (params == null) {
                continue;
            }
            if (route.method.equals(method)) {
                return new Resolution.Found(route.handler, params);
            }
            allowed.add(route.method.name());
        }
        return allowed.isEmpty() ? new Resolution.NotFound() : new Resolution.NotAllowed(allowed);
    }

    /** The outcome of {@link #resolve}. */
    sealed interface Resolution {
        /** @param pathParams the decoded value of each {@code {name}} in the template */
        record Found(RestHandler handler, Map<String, String> pathParams) implements Resolution {
        }

        record NotFound() implements Resolution {
        }

        /** @param allowed the methods the path does accept, for the {@code Allow} header */
        record NotAllowed(Set<String> allowed) implements Resolution {
        }
    }

    private record Route(HttpMethod method, Template template, RestHandler handler) {
    }

    /** A parsed template: each element is a literal segment or, wrapped in braces, a parameter name. */
    private record Template(List<String> parts) {
        static Template parse(String template) {
            if (!template.startsWith("/")) {
                throw new IllegalArgumentException("template must start with '/', was " + template);
            }
            List<String> parts = new ArrayList<>();
            for (String part : template.substring(1).split("/")) {
                if (!part.isEmpty()) {
                    parts.add(part);
                }
            }
            return new Template(List.copyOf(parts));
        }

        /** The parameters if the segments match, else null. */
        @Nullable Map<String, String> match(List<String> segments) {
            if (segments.size() != parts.size()) {
                return null;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < parts.size(); i++) {
                String part = parts.get(i);
                String segment = segments.get(i);
                if (isParameter(part)) {
                    if (segment.isEmpty()) {
                        return null;
                    }
                    params.put(part.substring(1, part.length() - 1), segment);
                } else if (!part.equals(segment)) {
                    return null;
                }
            }
            return params;
        }

        private static boolean isParameter(String part) {
            return part.length() > 2 && part.startsWith("{") && part.endsWith("}");
        }
    }
}
