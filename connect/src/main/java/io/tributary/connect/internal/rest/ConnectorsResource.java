package io.tributary.connect.internal.rest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpMethod;
import io.tributary.connect.internal.herder.ConnectRestException;
import io.tributary.connect.internal.herder.ConnectorInfo;
import io.tributary.connect.internal.herder.Herder;
import io.tributary.connect.internal.herder.RestartRequest;
import io.tributary.connect.internal.herder.TargetState;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /connectors} and {@code /connectors/{connector}}: listing, creating, configuring, inspecting, restarting,
 * pausing, resuming, stopping and deleting connectors, with Kafka Connect's status codes (201 created with a
 * {@code Location}, 200 replaced, 202 accepted, 204 done). Tasks and offsets have their own resources. Stateless
 * apart from the herder; thread-safe.
 */
final class ConnectorsResource {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorsResource.class);
    /** How many connectors {@code ?expand} looks up at once. */
    private static final int EXPAND_CONCURRENCY = 8;
    private static final String NAME_CONFIG = "name";

    private final Herder herder;

    ConnectorsResource(Herder herder) {
        this.herder = requireNonNull(herder, "herder");
    }

    void register(Router router) {
        router.add(HttpMethod.GET, "/connectors", this::list)
            .add(HttpMethod.POST, "/connectors", this::create)
            .add(HttpMethod.GET, "/connectors/{connector}", this::info)
            .add(HttpMethod.DELETE, "/connectors/{connector}", this::delete)
            .add(HttpMethod.GET, "/connectors/{connector}/config", this::config)
            .add(HttpMethod.PUT, "/connectors/{connector}/config", this::putConfig)
            .add(HttpMethod.PATCH, "/connectors/{connector}/config", this::patchConfig)
            .add(HttpMethod.GET, "/connectors/{connector}/status", this::status)
            .add(HttpMethod.POST, "/connectors/{connector}/restart", this::restart)
            .add(HttpMethod.PUT, "/connectors/{connector}/pause", r -> targetState(r, TargetState.PAUSED))
            .add(HttpMethod.PUT, "/connectors/{connector}/resume", r -> targetState(r, TargetState.STARTED))
            .add(HttpMethod.PUT, "/connectors/{connector}/stop", r -> targetState(r, TargetState.STOPPED));
    }

    /**
     * The connector names; with {@code ?expand=status} and/or {@code ?expand=info} an object keyed by name with each
     * expansion. A connector deleted while it is looked up is left out; unknown expansions are ignored.
     */
    private Mono<RestResponse> list(RestRequest request) {
        if (!request.hasQueryParam("expand")) {
            return herder.connectors()
                .map(names -> RestResponse.ok(EntityJson.strings(names)));
        }
        Set<String> expansions = new LinkedHashSet<>(request.queryParams("expand"));
        return herder.connectors()
            .flatMapMany(Flux::fromIterable)
            .flatMapSequential(name -> expand(name, expansions), EXPAND_CONCURRENCY)
            .collect(RestJson::object, (out, entry) -> out.set(entry.getKey(), entry.getValue()))
            .map(RestResponse::ok);
    }

    private Mono<Map.Entry<String, ObjectNode>> expand(String name, Set<String> expansions) {
        return Flux.fromIterable(expansions)
            .concatMap(expansion -> expansion(name, expansion))
            .collect(RestJson::object, (out, entry) -> out.set(entry.getKey(), entry.getValue()))
            .map(node -> Map.entry(name, node))
            .onErrorResume(ConnectorsResource::isNotFound, e -> {
                // Deleted between listing and lookup: Kafka Connect leaves it out of the answer too.
                LOG.debug("Connector {} disappeared while expanding the connector list", name);
                return Mono.empty();
            });
    }

    private Mono<Map.Entry<String, ObjectNode>> expansion(String name, String expansion) {
        switch (expansion) {
            case "status":
                return herder.connectorStatus(name)
                    .map(status -> Map.entry(expansion, EntityJson.connectorStatus(status)));
            case "info":
                return herder.connectorInfo(name)
                    .map(info -> Map.entry(expansion, EntityJson.connectorInfo(info)));
            default:
                LOG.info("Ignoring unknown expansion type {}", expansion);
                return Mono.empty();
        }
    }

    /** {@code POST /connectors}: 201 with the new connector and its {@code Location}; 409 if it exists. */
    private Mono<RestResponse> create(RestRequest request) {
        return request.body()
            .map(RequestBodies::createConnector)
            .flatMap(create -> herder.putConnectorConfig(create.name(), withName(create.name(), create.config()),
                create.initialState(), false))
            .map(created -> createdOrUpdated(request, created));
    }

    private Mono<RestResponse> info(RestRequest request) {
        return herder.connectorInfo(request.pathParam("connector"))
            .map(info -> RestResponse.ok(EntityJson.connectorInfo(info)));
    }

    private Mono<RestResponse> delete(RestRequest request) {
        return herder.deleteConnector(request.pathParam("connector"))
            .thenReturn(RestResponse.noContent());
    }

    private Mono<RestResponse> config(RestRequest request) {
        return herder.connectorConfig(request.pathParam("connector"))
            .map(config -> RestResponse.ok(EntityJson.stringMap(config)));
    }

    /** {@code PUT /connectors/{connector}/config}: 201 if it created the connector, 200 if it replaced the config. */
    private Mono<RestResponse> putConfig(RestRequest request) {
        String name = request.pathParam("connector");
        return request.body()
            .map(body -> withName(name, RequestBodies.config(body)))
            .flatMap(config -> herder.putConnectorConfig(name, config, null, true))
            .map(created -> createdOrUpdated(request, created));
    }

    /** {@code PATCH /connectors/{connector}/config}: merges the patch (null removes a key); 200, or 404 if unknown. */
    private Mono<RestResponse> patchConfig(RestRequest request) {
        String name = request.pathParam("connector");
        return request.body()
            .map(RequestBodies::configPatch)
            .flatMap(patch -> herder.patchConnectorConfig(name, patch))
            .map(patched -> RestResponse.ok(EntityJson.connectorInfo(patched.result())));
    }

    private Mono<RestResponse> status(RestRequest request) {
        return herder.connectorStatus(request.pathParam("connector"))
            .map(status -> RestResponse.ok(EntityJson.connectorStatus(status)));
    }

    /**
     * {@code POST /connectors/{connector}/restart}: the plain form restarts the connector alone and answers 204; with
     * {@code includeTasks} or {@code onlyFailed} it answers 202 with the status as of the restart.
     */
    private Mono<RestResponse> restart(RestRequest request) {
        RestartRequest restart = new RestartRequest(request.pathParam("connector"),
            request.booleanParam("onlyFailed", false), request.booleanParam("includeTasks", false));
        if (restart.connectorOnly()) {
            return herder.restart(restart)
                .thenReturn(RestResponse.noContent());
        }
        return herder.restart(restart)
            .map(status -> RestResponse.json(202, EntityJson.connectorStatus(status)));
    }

    /** Pause and resume answer 202 (they take effect asynchronously); stop answers 204, as Kafka Connect does. */
    private Mono<RestResponse> targetState(RestRequest request, TargetState state) {
        RestResponse answer = state == TargetState.STOPPED ? RestResponse.noContent() : RestResponse.accepted();
        return herder.targetState(request.pathParam("connector"), state)
            .thenReturn(answer);
    }

    private static RestResponse createdOrUpdated(RestRequest request, Herder.Created<ConnectorInfo> created) {
        ConnectorInfo info = created.result();
        if (!created.created()) {
            return RestResponse.ok(EntityJson.connectorInfo(info));
        }
        String location = request.absoluteUrl("/connectors/" + PathSegments.encode(info.name()));
        return RestResponse.json(201, EntityJson.connectorInfo(info))
            .header("Location", location);
    }

    /** The config with its {@code name} set to the connector's; 400 if it names another connector. */
    private static Map<String, String> withName(String name, Map<String, String> config) {
        String included = config.get(NAME_CONFIG);
        if (included != null && !included.equals(name)) {
            // Kafka Connect's message, "URL" even for POST, as clients may match on it.
            throw ConnectRestException.badRequest("Connector name configuration (" + included
                + ") doesn't match connector name in the URL (" + name + ")");
        }
        Map<String, String> named = new LinkedHashMap<>(config);
        named.put(NAME_CONFIG, name);
        return named;
    }

    private static boolean isNotFound(Throwable error) {
        return error instanceof ConnectRestException rest && rest.status() == 404;
    }
}
