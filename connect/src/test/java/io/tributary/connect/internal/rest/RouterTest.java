package io.tributary.connect.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

final class RouterTest {
    private final RestHandler first = request -> Mono.empty();
    private final RestHandler second = request -> Mono.empty();
    private final Router router = new Router()
        .add(HttpMethod.GET, "/connectors/{connector}/tasks/{task}/status", first)
        .add(HttpMethod.GET, "/connectors/{connector}", second)
        .add(HttpMethod.DELETE, "/connectors/{connector}", first);

    @Test
    void findsTheHandlerAndItsParameters() {
        Router.Resolution resolution = router.resolve(HttpMethod.GET, List.of("connectors", "a b", "tasks", "3",
            "status"));

        assertThat(resolution).isEqualTo(new Router.Resolution.Found(first, Map.of("connector", "a b", "task", "3")));
        assertThat(router.resolve(HttpMethod.GET, List.of("connectors", "x")))
            .isEqualTo(new Router.Resolution.Found(second, Map.of("connector", "x")));
    }

    @Test
    void tellsNotAllowedWithTheAllowedMethodsFromNotFound() {
        assertThat(router.resolve(HttpMethod.PUT, List.of("connectors", "x")))
            .isEqualTo(new Router.Resolution.NotAllowed(Set.of("GET", "DELETE")));
        assertThat(router.resolve(HttpMethod.GET, List.of("connectors", "x", "tasks")))
            .isEqualTo(new Router.Resolution.NotFound());
        assertThat(router.resolve(HttpMethod.GET, List.of("connectors", "")))
            .isEqualTo(new Router.Resolution.NotFound());
    }

    @Test
    void rejectsRelativeTemplates() {
        assertThatThrownBy(() -> new Router().add(HttpMethod.GET, "connectors", first))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("template must start with '/', was connectors");
    }
}
