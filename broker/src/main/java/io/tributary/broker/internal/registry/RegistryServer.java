package io.tributary.broker.internal.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tributary.broker.internal.BrokerContext;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The Confluent Schema Registry REST API over HTTP/1.1 on its own port. Reads are answered on the event loop from the
 * registry's memory; changes run on the IO scheduler, since they wait for the {@code _schemas} topic. Errors are
 * answered as {@code {"error_code": ..., "message": ...}} with the registry's codes.
 */
public final class RegistryServer {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** Largest request body buffered while a client upgrades to h2c. */
    private static final int MAX_BODY_BYTES = 8 << 20;

    private final SchemaRegistry registry;
    private final Scheduler io;
    private @Nullable DisposableServer server;

    public RegistryServer(SchemaRegistry registry, Scheduler io) {
        this.registry = registry;
        this.io = io;
    }

    /**
     * Loads the registry from {@code _schemas} and serves it on {@code listener} ({@code http://host:port}, port 0
     * for a free one). Blocking.
     */
    public static RegistryServer start(BrokerContext broker, String listener) {
        URI uri = URI.create(listener.trim());
        if (!"http".equals(uri.getScheme()) || uri.getPort() < 0) {
            throw new IllegalArgumentException("schema.registry.listeners must be http://host:port, was " + listener);
        }
        SchemaRegistry registry = new SchemaRegistry(new SchemasTopic(broker));
        RegistryServer server = new RegistryServer(registry, broker.io());
        InetSocketAddress bound = server.bind(uri.getHost() == null ? "" : uri.getHost(), uri.getPort());
        LOG.info("Schema registry with {} subjects listening on http://{}:{}", registry.size(),
            bound.getHostString(), bound.getPort());
        return server;
    }

    /** The bound address. */
    public InetSocketAddress address() {
        DisposableServer s = server;
        if (s == null) {
            throw new IllegalStateException("the schema registry is not running");
        }
        return (InetSocketAddress) s.address();
    }

    /** Binds and serves; blocks until bound. */
    public InetSocketAddress bind(String host, int port) {
        server = HttpServer.create()
            .host(host.isEmpty() ? "0.0.0.0" : host)
            .port(port)
            // HTTP/1.1, and h2c for clients that ask to upgrade (the JDK's HttpClient does by default)
            .protocol(HttpProtocol.HTTP11, HttpProtocol.H2C)
            .httpRequestDecoder(spec -> spec.h2cMaxContentLength(MAX_BODY_BYTES))
            .route(this::routes)
            .bindNow(Duration.ofSeconds(30));
        return (InetSocketAddress) server.address();
    }

    public void close() {
        if (server != null) {
            server.disposeNow(Duration.ofSeconds(10));
            server = null;
        }
    }

    private void routes(HttpServerRoutes r) {
        r.get("/", (req, res) -> read(res, () -> JSON.createObjectNode()))
            .get("/schemas/types", (req, res) -> read(res, () -> JSON.valueToTree(List.of("JSON", "PROTOBUF",
                "AVRO"))))
            .get("/schemas/ids/{id}", (req, res) -> read(res, () -> schemaById(req)))
            .get("/schemas/ids/{id}/schema", (req, res) -> raw(res, () -> registry.schema(id(req)).parsed()
                .canonical()))
            .get("/schemas/ids/{id}/versions", (req, res) -> read(res, () -> usages(req)))
            .get("/schemas/ids/{id}/subjects", (req, res) -> read(res, () -> JSON.valueToTree(
                registry.usages(id(req), flag(req, "deleted")).stream()
                    .map(SchemaRegistry.Version::subject).distinct().toList())))
            .get("/subjects", (req, res) -> read(res, () -> JSON.valueToTree(registry.subjects(flag(req,
                "deleted")))))
            .get("/subjects/{subject}/versions", (req, res) -> read(res, () -> JSON.valueToTree(
                registry.versions(subject(req), flag(req, "deleted")))))
            .post("/subjects/{subject}/versions", (req, res) -> change(req, res, body -> JSON.createObjectNode()
                .put("id", registry.register(subject(req), type(body), schemaText(body)))))
            .get("/subjects/{subject}/versions/{version}", (req, res) -> read(res, () -> versionNode(
                registry.version(subject(req), param(req, "version"), flag(req, "deleted")))))
            .get("/subjects/{subject}/versions/{version}/schema", (req, res) -> raw(res, () -> registry.schema(
                registry.version(subject(req), param(req, "version"), flag(req, "deleted")).id()).parsed()
                .canonical()))
            .get("/subjects/{subject}/versions/{version}/referencedby", (req, res) -> read(res, () -> {
                registry.version(subject(req), param(req, "version"), false);
                return JSON.createArrayNode();
            }))
            .delete("/subjects/{subject}/versions/{version}", (req, res) -> change(req, res, body ->
                JSON.valueToTree(registry.deleteVersion(subject(req), param(req, "version"),
                    flag(req, "permanent")))))
            .post("/subjects/{subject}", (req, res) -> withBody(req, res, body -> versionNode(registry.lookup(
                subject(req), type(body), schemaText(body), flag(req, "deleted")))))
            .delete("/subjects/{subject}", (req, res) -> change(req, res, body -> JSON.valueToTree(
                registry.deleteSubject(subject(req), flag(req, "permanent")))))
            .post("/compatibility/subjects/{subject}/versions/{version}", (req, res) -> withBody(req, res,
                body -> compatibility(req, body, param(req, "version"))))
            .post("/compatibility/subjects/{subject}/versions", (req, res) -> withBody(req, res,
                body -> compatibility(req, body, null)))
            .get("/config", (req, res) -> read(res, () -> level(registry.globalLevel())))
            .put("/config", (req, res) -> change(req, res, body -> JSON.createObjectNode().put("compatibility",
                registry.setLevel(null, CompatibilityLevel.named(body.path("compatibility").asText(null))).name())))
            .get("/config/{subject}", (req, res) -> read(res, () -> level(registry.subjectLevel(subject(req))
                .or(() -> flag(req, "defaultToGlobal") ? java.util.Optional.of(registry.globalLevel())
                    : java.util.Optional.empty())
                .orElseThrow(() -> RegistryException.subjectConfigNotFound(subject(req))))))
            .put("/config/{subject}", (req, res) -> change(req, res, body -> JSON.createObjectNode()
                .put("compatibility", registry.setLevel(subject(req),
                    CompatibilityLevel.named(body.path("compatibility").asText(null))).name())))
            .delete("/config/{subject}", (req, res) -> change(req, res, body -> level(
                registry.deleteLevel(subject(req)))))
            .get("/mode", (req, res) -> read(res, () -> JSON.createObjectNode().put("mode", "READWRITE")))
            .route(req -> true, (req, res) -> error(res, new RegistryException(404, 404, "HTTP 404 Not Found")));
    }

    // ---- endpoint bodies ----

    private JsonNode schemaById(HttpServerRequest req) {
        SchemaRegistry.StoredSchema s = registry.schema(id(req));
        ObjectNode out = JSON.createObjectNode();
        if (s.parsed().type() != SchemaType.AVRO) {
            out.put("schemaType", s.parsed().type().name());
        }
        return out.put("schema", s.parsed().canonical());
    }

    private JsonNode usages(HttpServerRequest req) {
        ArrayNode out = JSON.createArrayNode();
        registry.usages(id(req), flag(req, "deleted"))
            .forEach(v -> out.addObject().put("subject", v.subject()).put("version", v.version()));
        return out;
    }

    private JsonNode versionNode(SchemaRegistry.Version v) {
        ParsedSchema parsed = registry.schema(v.id()).parsed();
        ObjectNode out = JSON.createObjectNode().put("subject", v.subject()).put("version", v.version())
            .put("id", v.id());
        if (parsed.type() != SchemaType.AVRO) {
            out.put("schemaType", parsed.type().name());
        }
        return out.put("schema", parsed.canonical());
    }

    private JsonNode compatibility(HttpServerRequest req, JsonNode body, @Nullable String version) {
        List<String> violations = registry.compatibility(subject(req), type(body), schemaText(body), version);
        ObjectNode out = JSON.createObjectNode().put("is_compatible", violations.isEmpty());
        if (flag(req, "verbose")) {
            out.set("messages", JSON.valueToTree(violations));
        }
        return out;
    }

    private static JsonNode level(CompatibilityLevel level) {
        return JSON.createObjectNode().put("compatibilityLevel", level.name());
    }

    // ---- request plumbing ----

    /** A function of a request body that may throw a RegistryException. */
    private interface BodyHandler {
        JsonNode apply(JsonNode body);
    }

    private Publisher<Void> read(HttpServerResponse res, Callable<JsonNode> answer) {
        try {
            return json(res, HttpResponseStatus.OK, answer.call());
        } catch (Exception e) {
            return error(res, e);
        }
    }

    private Publisher<Void> raw(HttpServerResponse res, Callable<String> answer) {
        try {
            return res.status(HttpResponseStatus.OK)
                .header("Content-Type", CONTENT_TYPE)
                .sendString(Mono.just(answer.call()))
                .then();
        } catch (Exception e) {
            return error(res, e);
        }
    }

    /** Reads the body on the event loop, answers it there (lookups and checks touch memory only). */
    private Publisher<Void> withBody(HttpServerRequest req, HttpServerResponse res, BodyHandler handler) {
        return body(req)
            .map(handler::apply)
            .flatMap(answer -> Mono.from(json(res, HttpResponseStatus.OK, answer)))
            .onErrorResume(e -> Mono.from(error(res, e)));
    }

    /**
     * Reads the body, makes the change on the IO scheduler (it waits for the store), and answers back on the
     * connection's event loop: answering from another thread raced with keep-alive handling of the next request.
     */
    private Publisher<Void> change(HttpServerRequest req, HttpServerResponse res, BodyHandler handler) {
        Executor[] loop = new Executor[1];
        req.withConnection(c -> loop[0] = c.channel().eventLoop());
        return body(req)
            .publishOn(io)
            .map(handler::apply)
            .publishOn(Schedulers.fromExecutor(loop[0]))
            .flatMap(answer -> Mono.from(json(res, HttpResponseStatus.OK, answer)))
            .onErrorResume(e -> Mono.from(error(res, e)));
    }

    private static Mono<JsonNode> body(HttpServerRequest req) {
        return req.receive()
            .aggregate()
            .asString(StandardCharsets.UTF_8)
            .defaultIfEmpty("")
            .map(text -> {
                if (text.isBlank()) {
                    return JSON.createObjectNode();
                }
                try {
                    return JSON.readTree(text);
                } catch (JsonProcessingException e) {
                    throw RegistryException.badRequest("Unreadable JSON body: " + e.getOriginalMessage());
                }
            });
    }

    private static Publisher<Void> json(HttpServerResponse res, HttpResponseStatus status, JsonNode body) {
        return res.status(status)
            .header("Content-Type", CONTENT_TYPE)
            .sendString(Mono.just(body.toString()))
            .then();
    }

    private static Publisher<Void> error(HttpServerResponse res, Throwable e) {
        RegistryException r;
        if (e instanceof RegistryException known) {
            r = known;
        } else {
            LOG.error("Schema registry request failed", e);
            r = new RegistryException(500, 50001, "Error in the backend data store: " + e);
        }
        ObjectNode body = JSON.createObjectNode().put("error_code", r.errorCode()).put("message", r.getMessage());
        return json(res, HttpResponseStatus.valueOf(r.status()), body);
    }

    private static String schemaText(JsonNode body) {
        JsonNode schema = body.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw RegistryException.invalidSchema("the request has no \"schema\" string");
        }
        JsonNode references = body.path("references");
        if (references.isArray() && !references.isEmpty()) {
            throw RegistryException.invalidSchema("schema references are not supported");
        }
        return schema.asText();
    }

    private static SchemaType type(JsonNode body) {
        return SchemaType.named(body.path("schemaType").asText(""));
    }

    private static String subject(HttpServerRequest req) {
        return param(req, "subject");
    }

    private static String param(HttpServerRequest req, String name) {
        String value = req.param(name);
        return value == null ? "" : URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static int id(HttpServerRequest req) {
        String id = param(req, "id");
        try {
            return Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw RegistryException.schemaNotFound("schema " + id + " not found");
        }
    }

    private static boolean flag(HttpServerRequest req, String name) {
        Map<String, List<String>> query = new QueryStringDecoder(req.uri()).parameters();
        List<String> values = query.get(name);
        return values != null && !values.isEmpty() && Boolean.parseBoolean(values.get(0));
    }
}
