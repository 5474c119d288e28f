package io.tributary.consumer.internal;

import io.tributary.client.internal.ClientRuntime;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.ErrorCode;
import java.io.IOException;
import java.util.function.IntFunction;
import reactor.core.publisher.Mono;

/**
 * Requests to one group's coordinator: finds it (FindCoordinator, cached by the {@link ClientRuntime}), sends, and
 * forgets it when an answer ({@code NOT_COORDINATOR}, {@code COORDINATOR_NOT_AVAILABLE}) or a broken connection
 * says that it moved, so that the next request looks it up again. No retries of its own. Thread-safe; owned by a
 * group member.
 */
final class GroupCoordinatorLink {
    private final ClientRuntime runtime;
    private final String groupId;

    GroupCoordinatorLink(ClientRuntime runtime, String groupId) {
        this.runtime = runtime;
        this.groupId = groupId;
    }

    String groupId() {
        return groupId;
    }

    ClientRuntime runtime() {
        return runtime;
    }

    /** Sends {@code request} once in the highest version both sides speak; lazy. */
    <R extends ApiMessage> Mono<R> send(ApiMessage request, Class<R> responseType) {
        return runtime.coordinatorConnection(ClientRuntime.GROUP, groupId)
            .flatMap(c -> c.send(request, responseType))
            .doOnError(this::onFailure);
    }

    /** Sends {@code request} once in the highest version both sides speak, but no higher than {@code maxVersion}. */
    <R extends ApiMessage> Mono<R> send(ApiMessage request, int maxVersion, Class<R> responseType) {
        return runtime.coordinatorConnection(ClientRuntime.GROUP, groupId)
            .flatMap(c -> c.send(request, (short) Math.min(maxVersion, c.versions().version(request.apiKey()))))
            .cast(responseType)
            .doOnError(this::onFailure);
    }

    /** Sends the request {@code build} makes for the version chosen for {@code api} (highest both sides speak). */
    <R extends ApiMessage> Mono<R> send(ApiKey api, IntFunction<ApiMessage> build, Class<R> responseType) {
        return runtime.coordinatorConnection(ClientRuntime.GROUP, groupId)
            .flatMap(c -> {
                short version = c.versions().version(api);
                return c.send(build.apply(version), version);
            })
            .cast(responseType)
            .doOnError(this::onFailure);
    }

    /** Forgets the coordinator if {@code error} says it is elsewhere now. */
    void onError(ErrorCode error) {
        if (coordinatorMoved(error)) {
            runtime.invalidateCoordinator(ClientRuntime.GROUP, groupId);
        }
    }

    /** Whether {@code error} means the coordinator is elsewhere or unavailable: look it up again. */
    static boolean coordinatorMoved(ErrorCode error) {
        return error == ErrorCode.NOT_COORDINATOR || error == ErrorCode.COORDINATOR_NOT_AVAILABLE;
    }

    private void onFailure(Throwable failure) {
        boolean broken = failure instanceof IOException || (failure instanceof ApiException api
            && (api.error() == ErrorCode.NETWORK_EXCEPTION || api.error() == ErrorCode.REQUEST_TIMED_OUT
            || coordinatorMoved(api.error())));
        if (broken) {
            runtime.invalidateCoordinator(ClientRuntime.GROUP, groupId);
        }
    }
}
