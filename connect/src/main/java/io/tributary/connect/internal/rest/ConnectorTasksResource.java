package io.tributary.connect.internal.rest;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpMethod;
import io.tributary.connect.internal.herder.ConnectRestException;
import io.tributary.connect.internal.herder.ConnectorTaskId;
import io.tributary.connect.internal.herder.Herder;
import reactor.core.publisher.Mono;

/**
 * {@code /connectors/{connector}/tasks}: the tasks' configurations, one task's status, and restarting one task.
 * Stateless apart from the herder; thread-safe.
 */
final class ConnectorTasksResource {
    private final Herder herder;

    ConnectorTasksResource(Herder herder) {
        this.herder = requireNonNull(herder, "herder");
    }

    void register(Router router) {
        router.add(HttpMethod.GET, "/connectors/{connector}/tasks", this::tasks)
            .add(HttpMethod.GET, "/connectors/{connector}/tasks/{task}/status", this::status)
            .add(HttpMethod.POST, "/connectors/{connector}/tasks/{task}/restart", this::restart);
    }

    /** {@code [{"id": {"connector", "task"}, "config": {...}}]}. */
    private Mono<RestResponse> tasks(RestRequest request) {
        return herder.taskConfigs(request.pathParam("connector"))
            .map(tasks -> RestResponse.ok(EntityJson.array(tasks, EntityJson::taskInfo)));
    }

    private Mono<RestResponse> status(RestRequest request) {
        return herder.taskStatus(taskId(request))
            .map(state -> RestResponse.ok(EntityJson.taskState(state)));
    }

    /** 204 once the herder has restarted the task. */
    private Mono<RestResponse> restart(RestRequest request) {
        return herder.restartTask(taskId(request))
            .thenReturn(RestResponse.noContent());
    }

    /** The task id in the path; a task that is not a number matches no resource (404), as in JAX-RS. */
    private static ConnectorTaskId taskId(RestRequest request) {
        String task = request.pathParam("task");
        try {
            return new ConnectorTaskId(request.pathParam("connector"), Integer.parseInt(task));
        } catch (NumberFormatException e) {
            throw ConnectRestException.notFound("HTTP 404 Not Found");
        }
    }
}
