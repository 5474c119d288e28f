package io.tributary.admin.internal;

import io.tributary.admin.AlterConfigOp;
import io.tributary.admin.Config;
import io.tributary.admin.ConfigEntry;
import io.tributary.admin.ConfigResource;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.message.DescribeConfigsRequest;
import io.tributary.protocol.message.DescribeConfigsResponse;
import io.tributary.protocol.message.IncrementalAlterConfigsRequest;
import io.tributary.protocol.message.IncrementalAlterConfigsResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Config calls: describe and incrementally alter the configs of topics and brokers. A broker's own configs are
 * asked of and changed on that broker; topics and the cluster-wide broker default go to any broker. Stateless and
 * thread-safe.
 */
final class ConfigCalls {
    private static final int ANY_BROKER = -1;

    private final AdminContext context;

    ConfigCalls(AdminContext context) {
        this.context = context;
    }

    Mono<Map<ConfigResource, Config>> describeConfigs(List<ConfigResource> resources) {
        return KeyedCall.run(context.runtime(), "DescribeConfigs of " + resources,
            () -> new KeyedCall<>(resources, KeyedCall.UNKNOWN_TOPIC_IS_FINAL, ConfigResource::toString),
            (call, pending) -> Flux.fromIterable(byDestination(pending).entrySet())
                .flatMap(e -> describe(call, e.getKey(), e.getValue()))
                .then());
    }

    private Mono<Void> describe(KeyedCall<ConfigResource, Config> call, int destination,
                                List<ConfigResource> resources) {
        List<DescribeConfigsRequest.DescribeConfigsResource> asked = new ArrayList<>();
        for (ConfigResource r : resources) {
            asked.add(new DescribeConfigsRequest.DescribeConfigsResource()
                .resourceType(r.type().code())
                .resourceName(r.name())
                .configurationKeys(null));
        }
        DescribeConfigsRequest request = new DescribeConfigsRequest()
            .resources(asked)
            .includeSynonyms(false)
            .includeDocumentation(false);
        Map<String, ConfigResource> byWireKey = byWireKey(resources);
        return send(destination, request, DescribeConfigsResponse.class)
            .doOnNext(response -> {
                for (DescribeConfigsResponse.DescribeConfigsResult result : response.results()) {
                    ConfigResource resource = byWireKey.get(wireKey(result.resourceType(), result.resourceName()));
                    if (resource != null) {
                        call.answer(resource, result.errorCode(), result.errorMessage(), config(resource, result));
                    }
                }
            })
            .then()
            .onErrorResume(e -> {
                call.requestFailed(resources, e);
                return Mono.empty();
            });
    }

    private static Config config(ConfigResource resource, DescribeConfigsResponse.DescribeConfigsResult result) {
        List<ConfigEntry> entries = new ArrayList<>();
        for (DescribeConfigsResponse.DescribeConfigsResourceResult c : result.configs()) {
            entries.add(new ConfigEntry(c.name(), c.value(), ConfigEntry.Source.forCode(c.configSource()),
                c.readOnly(), c.isSensitive()));
        }
        return new Config(resource, entries);
    }

    Mono<Void> incrementalAlterConfigs(Map<ConfigResource, List<AlterConfigOp>> changes) {
        return KeyedCall.run(context.runtime(), "IncrementalAlterConfigs of " + changes.keySet(),
                () -> new KeyedCall<ConfigResource, Boolean>(changes.keySet(), KeyedCall.UNKNOWN_TOPIC_IS_FINAL,
                    ConfigResource::toString),
                (call, pending) -> Flux.fromIterable(byDestination(pending).entrySet())
                    .flatMap(e -> alter(call, e.getKey(), e.getValue(), changes))
                    .then())
            .then();
    }

    private Mono<Void> alter(KeyedCall<ConfigResource, Boolean> call, int destination, List<ConfigResource> resources,
                             Map<ConfigResource, List<AlterConfigOp>> changes) {
        List<IncrementalAlterConfigsRequest.AlterConfigsResource> asked = new ArrayList<>();
        for (ConfigResource r : resources) {
            List<IncrementalAlterConfigsRequest.AlterableConfig> ops = new ArrayList<>();
            for (AlterConfigOp op : changes.get(r)) {
                ops.add(new IncrementalAlterConfigsRequest.AlterableConfig()
                    .name(op.name())
                    .configOperation(op.operation().code())
                    .value(op.value()));
            }
            asked.add(new IncrementalAlterConfigsRequest.AlterConfigsResource()
                .resourceType(r.type().code())
                .resourceName(r.name())
                .configs(ops));
        }
        IncrementalAlterConfigsRequest request = new IncrementalAlterConfigsRequest()
            .resources(asked)
            .validateOnly(false);
        Map<String, ConfigResource> byWireKey = byWireKey(resources);
        return send(destination, request, IncrementalAlterConfigsResponse.class)
            .doOnNext(response -> {
                for (IncrementalAlterConfigsResponse.AlterConfigsResourceResponse result : response.responses()) {
                    ConfigResource resource = byWireKey.get(wireKey(result.resourceType(), result.resourceName()));
                    if (resource != null) {
                        call.answer(resource, result.errorCode(), result.errorMessage(), Boolean.TRUE);
                    }
                }
            })
            .then()
            .onErrorResume(e -> {
                call.requestFailed(resources, e);
                return Mono.empty();
            });
    }

    private <R extends ApiMessage> Mono<R> send(int destination, ApiMessage request, Class<R> responseType) {
        return destination == ANY_BROKER ? context.runtime().sendAny(request, responseType)
            : context.runtime().send(destination, request, responseType);
    }

    /** The resources grouped by the broker to ask: a broker's id for its own configs, else any broker. */
    private static Map<Integer, List<ConfigResource>> byDestination(Collection<ConfigResource> resources) {
        Map<Integer, List<ConfigResource>> out = new LinkedHashMap<>();
        for (ConfigResource r : resources) {
            int destination = r.type() == ConfigResource.Type.BROKER && !r.name().isEmpty()
                ? Integer.parseInt(r.name()) : ANY_BROKER;
            out.computeIfAbsent(destination, d -> new ArrayList<>()).add(r);
        }
        return out;
    }

    private static Map<String, ConfigResource> byWireKey(List<ConfigResource> resources) {
        Map<String, ConfigResource> out = new LinkedHashMap<>();
        for (ConfigResource r : resources) {
            out.put(wireKey(r.type().code(), r.name()), r);
        }
        return out;
    }

    private static String wireKey(byte type, String name) {
        return type + ":" + name;
    }
}
