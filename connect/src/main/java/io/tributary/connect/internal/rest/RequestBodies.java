package io.tributary.connect.internal.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import io.tributary.connect.internal.herder.ConnectRestException;
import io.tributary.connect.internal.herder.ConnectorOffsets;
import io.tributary.connect.internal.herder.TargetState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the request bodies the REST API accepts into herder values, with Kafka Connect's field names. Every failure
 * is a {@link ConnectRestException} 400 naming what is wrong. Stateless and thread-safe.
 */
final class RequestBodies {
    private static final TypeReference<LinkedHashMap<String, @Nullable String>> CONFIG = new TypeReference<>() {
    };
    private static final TypeReference<CreateConnector> CREATE = new TypeReference<>() {
    };
    private static final TypeReference<Offsets> OFFSETS = new TypeReference<>() {
    };

    private RequestBodies() {
    }

    /**
     * A connector configuration, {@code {"key": "value", ...}}; numbers and booleans become their text.
     *
     * @throws ConnectRestException 400 if it is not such an object or a value is null
     */
    static Map<String, String> config(byte[] body) {
        return requireValues(RestJson.read(body, CONFIG));
    }

    /**
     * A configuration patch: like {@link #config}, but a null value means "remove this key".
     */
    static Map<String, @Nullable String> configPatch(byte[] body) {
        return RestJson.read(body, CONFIG);
    }

    /**
     * {@code POST /connectors}: {@code {"name", "config", "initial_state"}}. The name is trimmed, as Kafka Connect
     * trims it.
     *
     * @throws ConnectRestException 400 if the name or the config is missing, or the initial state is unknown
     */
    static CreateRequest createConnector(byte[] body) {
        CreateConnector request = RestJson.read(body, CREATE);
        if (request.name() == null || request.name().trim().isEmpty()) {
            throw ConnectRestException.badRequest("Connector name is missing from the request");
        }
        if (request.config() == null) {
            throw ConnectRestException.badRequest("Connector config is missing from the request");
        }
        return new CreateRequest(request.name().trim(), requireValues(request.config()),
            initialState(request.initialState()));
    }

    /**
     * {@code PATCH /connectors/{name}/offsets}: {@code {"offsets": [{"partition": {...}, "offset": {...} or null}]}}.
     *
     * @throws ConnectRestException 400 if no offsets are given or an entry has no partition
     */
    static ConnectorOffsets offsets(byte[] body) {
        Offsets request = RestJson.read(body, OFFSETS);
        if (request.offsets() == null || request.offsets().isEmpty()) {
            // Kafka Connect's message, word for word, since clients may show it.
            throw ConnectRestException.badRequest(
                "Partitions / offsets need to be provided for an alter offsets request");
        }
        List<ConnectorOffsets.Offset> offsets = new ArrayList<>();
        for (Offset offset : request.offsets()) {
            if (offset == null || offset.partition() == null) {
                throw ConnectRestException.badRequest("Every offset entry needs a partition");
            }
            offsets.add(new ConnectorOffsets.Offset(offset.partition(), offset.offset()));
        }
        return new ConnectorOffsets(offsets);
    }

    private static Map<String, String> requireValues(Map<String, @Nullable String> config) {
        Map<String, String> checked = new LinkedHashMap<>();
        config.forEach((key, value) -> {
            if (value == null) {
                throw ConnectRestException.badRequest("Connector config value for " + key + " must not be null");
            }
            checked.put(key, value);
        });
        return checked;
    }

    private static @Nullable TargetState initialState(@Nullable String state) {
        if (state == null) {
            return null;
        }
        // Kafka Connect's names: RUNNING (the target state STARTED), PAUSED, STOPPED; any case.
        switch (state.toUpperCase(Locale.ROOT)) {
            case "RUNNING":
                return TargetState.STARTED;
            case "PAUSED":
                return TargetState.PAUSED;
            case "STOPPED":
                return TargetState.STOPPED;
            default:
                throw ConnectRestException.badRequest(
                    "Unknown initial_state " + state + "; expected RUNNING, PAUSED or STOPPED");
        }
    }

    /** A parsed {@code POST /connectors} body; {@code config} is mutable so the name can be added to it. */
    record CreateRequest(String name, Map<String, String> config, @Nullable TargetState initialState) {
    }

    record CreateConnector(@JsonProperty("name") @Nullable String name,
                                   @JsonProperty("config") @Nullable Map<String, @Nullable String> config,
                                   @JsonProperty("initial_state") @Nullable String initialState) {
    }

    record Offsets(@JsonProperty("offsets") @Nullable List<@Nullable Offset> offsets) {
    }

    record Offset(@JsonProperty("partition") @Nullable Map<String, Object> partition,
                          @JsonProperty("offset") @Nullable Map<String, Object> offset) {
    }
}
