package io.tributary.connect.internal.distributed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.internal.herder.ConnectorTaskId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The bytes distributed workers exchange in the group: each member's metadata (its REST url, the config topic
 * offset it has read to, and what it runs) and the leader's assignments. JSON, versioned by the protocol name
 * {@value #PROTOCOL}; Tributary workers form groups of their own, apart from Kafka Connect's. Stateless.
 */
final class ConnectProtocol {
    /** The group protocol type. */
    static final String TYPE = "connect";
    /** The one protocol spoken: incremental cooperative assignment, Tributary's encoding. */
    static final String PROTOCOL = "tributary-cooperative-v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectProtocol() {
    }

    /** A member's announcement. */
    record Metadata(String url, long configOffset, WorkerLoad running) {
    }

    /**
     * A member's assignment.
     *
     * @param failed        the leader could not assign (its config is behind a member's): read the config, rejoin
     * @param leaderUrl     where requests that need the leader go
     * @param configOffset  the config topic offset the assignment was made at: read to it before starting work
     * @param delayMs       above 0: rejoin after this long
     */
    record Assignment(boolean failed, String leaderId, String leaderUrl, long configOffset, WorkerLoad assigned,
                      WorkerLoad revoked, long delayMs) {
    }

    static byte[] write(Metadata m) {
        ObjectNode node = JSON.createObjectNode();
        node.put("url", m.url());
        node.put("configOffset", m.configOffset());
        writeLoad(node, m.running());
        return bytes(node);
    }

    static Metadata readMetadata(byte[] bytes) {
        JsonNode node = parse(bytes);
        return new Metadata(node.path("url").asText(), node.path("configOffset").asLong(-1), readLoad(node));
    }

    static byte[] write(Assignment a) {
        ObjectNode node = JSON.createObjectNode();
        node.put("failed", a.failed());
        node.put("leader", a.leaderId());
        node.put("leaderUrl", a.leaderUrl());
        node.put("configOffset", a.configOffset());
        node.put("delayMs", a.delayMs());
        writeLoad(node.putObject("assigned"), a.assigned());
        writeLoad(node.putObject("revoked"), a.revoked());
        return bytes(node);
    }

    static Assignment readAssignment(byte[] bytes) {
        JsonNode node = parse(bytes);
        return new Assignment(node.path("failed").asBoolean(), node.path("leader").asText(),
            node.path("leaderUrl").asText(), node.path("configOffset").asLong(-1), readLoad(node.path("assigned")),
            readLoad(node.path("revoked")), node.path("delayMs").asLong());
    }

    private static void writeLoad(ObjectNode node, WorkerLoad load) {
        ArrayNode connectors = node.putArray("connectors");
        load.connectors().forEach(connectors::add);
        ArrayNode tasks = node.putArray("tasks");
        load.tasks().forEach(t -> tasks.addObject().put("connector", t.connector()).put("task", t.task()));
    }

    private static WorkerLoad readLoad(JsonNode node) {
        List<String> connectors = new ArrayList<>();
        node.path("connectors").forEach(c -> connectors.add(c.asText()));
        List<ConnectorTaskId> tasks = new ArrayList<>();
        node.path("tasks").forEach(t -> tasks.add(new ConnectorTaskId(t.path("connector").asText(),
            t.path("task").asInt())));
        return new WorkerLoad(Set.copyOf(connectors), Set.copyOf(tasks));
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new ConnectException("A group member sent data that is not Tributary Connect's protocol", e);
        }
    }
}
