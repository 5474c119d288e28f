package io.tributary.connect.internal.rest;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpMethod;
import io.tributary.connect.internal.herder.ConnectRestException;
import io.tributary.connect.internal.herder.Herder;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * {@code /connector-plugins}: the installed plugins, a plugin's configuration keys, and validating a configuration
 * against a connector plugin. Stateless apart from the herder; thread-safe.
 */
final class ConnectorPluginsResource {
    private static final String CONNECTOR_CLASS_CONFIG = "connector.class";
    /** The suffix an alias drops: {@code FileStreamSink} is an alias of {@code ...FileStreamSinkConnector}. */
    private static final String ALIAS_SUFFIX = "Connector";

    private final Herder herder;

    ConnectorPluginsResource(Herder herder) {
        this.herder = requireNonNull(herder, "herder");
    }

    void register(Router router) {
        router.add(HttpMethod.GET, "/connector-plugins", this::plugins)
            .add(HttpMethod.GET, "/connector-plugins/{plugin}/config", this::pluginConfig)
            .add(HttpMethod.PUT, "/connector-plugins/{plugin}/config/validate", this::validate);
    }

    /** {@code [{"class", "type", "version"}]}; only connectors unless {@code ?connectorsOnly=false}. */
    private Mono<RestResponse> plugins(RestRequest request) {
        boolean connectorsOnly = request.booleanParam("connectorsOnly", true);
        return Mono.fromSupplier(() -> herder.plugins(connectorsOnly))
            .map(plugins -> RestResponse.ok(EntityJson.array(plugins, EntityJson::plugin)));
    }

    private Mono<RestResponse> pluginConfig(RestRequest request) {
        return herder.pluginConfig(request.pathParam("plugin"))
            .map(keys -> RestResponse.ok(EntityJson.array(keys, EntityJson::keyInfo)));
    }

    /**
     * {@code PUT /connector-plugins/{plugin}/config/validate}: every key with its definition and errors. The body's
     * {@code connector.class}, if given, must name the plugin in the path (full class name or alias), else 400.
     */
    private Mono<RestResponse> validate(RestRequest request) {
        String plugin = request.pathParam("plugin");
        return request.body()
            .map(RequestBodies::config)
            .map(config -> requireSamePlugin(plugin, config))
            .flatMap(herder::validateConnectorConfig)
            .map(infos -> RestResponse.ok(EntityJson.configInfos(infos)));
    }

    private static Map<String, String> requireSamePlugin(String plugin, Map<String, String> config) {
        String included = config.get(CONNECTOR_CLASS_CONFIG);
        // As in Kafka Connect, a simple name or alias in the path matches the tail of a full class name in the body.
        if (included != null && !withoutAliasSuffix(included).endsWith(withoutAliasSuffix(plugin))) {
            throw ConnectRestException.badRequest(
                "Included connector type " + included + " does not match request type " + plugin);
        }
        return config;
    }

    private static String withoutAliasSuffix(String name) {
        return name.endsWith(ALIAS_SUFFIX) && name.length() > ALIAS_SUFFIX.length()
            ? name.substring(0, name.length() - ALIAS_SUFFIX.length())
            : name;
    }
}
