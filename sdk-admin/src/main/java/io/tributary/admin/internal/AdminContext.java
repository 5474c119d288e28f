package io.tributary.admin.internal;

import io.tributary.admin.AdminOptions;
import io.tributary.admin.BrokerNode;
import io.tributary.client.internal.ClientRuntime;
import io.tributary.client.internal.ClusterView;
import io.tributary.client.internal.Node;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What every area of admin calls shares: the client runtime (connections, metadata, retries) and the options.
 * Immutable; owned by {@link DefaultTributaryAdmin}.
 */
record AdminContext(ClientRuntime runtime, AdminOptions options) {
    /** The {@code timeoutMs} for requests the broker completes asynchronously, capped at the request timeout. */
    int operationTimeoutMs() {
        long ms = Math.min(options.operationTimeout().toMillis(), options.client().requestTimeout().toMillis());
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    /**
     * Asks every live broker (as metadata lists them) in parallel, each with retries, and emits what they answer;
     * the first broker that fails for good fails the whole.
     */
    <T> Flux<T> onEveryBroker(String api, Function<Integer, Mono<List<T>>> ask) {
        return runtime.refreshMetadata(List.of(), false)
            .flatMapMany(view -> Flux.fromIterable(view.nodes().keySet()))
            .flatMap(broker -> runtime.withRetries(ask.apply(broker), api + " to broker " + broker))
            .flatMapIterable(answers -> answers);
    }

    /** The broker {@code id} of a metadata view, or one known only by its id. */
    static BrokerNode node(ClusterView view, int id) {
        Node known = view.nodes().get(id);
        return known == null ? BrokerNode.unknown(id) : node(known);
    }

    static BrokerNode node(Node node) {
        return new BrokerNode(node.id(), node.host(), node.port(), node.rack());
    }
}
