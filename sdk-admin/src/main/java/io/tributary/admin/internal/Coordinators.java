package io.tributary.admin.internal;

import io.tributary.client.internal.ClientRuntime;
import io.tributary.client.internal.Failures;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.ErrorCode;
import reactor.core.publisher.Mono;

/**
 * Sends requests to the coordinator of a group or a transactional id, found with FindCoordinator and cached by the
 * runtime; forgets the coordinator when a request to it fails because it moved or is unreachable, so that the retry
 * finds the new one. Stateless and thread-safe.
 */
final class Coordinators {
    private final ClientRuntime runtime;
    private final byte keyType;

    /** @param keyType {@link ClientRuntime#GROUP} or {@link ClientRuntime#TRANSACTION} */
    Coordinators(ClientRuntime runtime, byte keyType) {
        this.runtime = runtime;
        this.keyType = keyType;
    }

    /** A response and the version it was sent in (needed where fields move between versions). */
    record Versioned<R extends ApiMessage>(short version, R response) {
    }

    /** Sends {@code request} to the coordinator of {@code groupId} (or transactional id) in the negotiated version. */
    <R extends ApiMessage> Mono<R> send(String groupId, ApiMessage request, Class<R> responseType) {
        return send(groupId, request, responseType, Short.MAX_VALUE).map(Versioned::response);
    }

    /**
     * Sends {@code request} to the coordinator of {@code groupId} in the negotiated version, but at most
     * {@code maxVersion}.
     */
    <R extends ApiMessage> Mono<Versioned<R>> send(String groupId, ApiMessage request, Class<R> responseType,
                                                    short maxVersion) {
        return runtime.coordinatorConnection(keyType, groupId)
            .flatMap(c -> {
                short version = (short) Math.min(maxVersion, c.versions().version(request.apiKey()));
                return c.send(request, version)
                    .map(r -> new Versioned<>(version, responseType.cast(r)));
            })
            .doOnError(e -> {
                if (Failures.invalidatesMetadata(e)) {
                    runtime.invalidateCoordinator(keyType, groupId);
                }
            });
    }

    /** Forgets the coordinator of {@code groupId} when {@code errorCode} says it moved or is not available. */
    void onError(String groupId, short errorCode) {
        ErrorCode error = ErrorCode.forCode(errorCode);
        if (error == ErrorCode.NOT_COORDINATOR || error == ErrorCode.COORDINATOR_NOT_AVAILABLE) {
            runtime.invalidateCoordinator(keyType, groupId);
        }
    }
}
