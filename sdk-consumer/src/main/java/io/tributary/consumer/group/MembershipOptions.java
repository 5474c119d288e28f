package io.tributary.consumer.group;

import static java.util.Objects.requireNonNull;

import io.tributary.client.ClientOptions;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link GroupMembership}: the connection, the group, and the classic protocol's time-outs.
 * Immutable; each setter returns a new instance. Defaults as Kafka Connect's workers use: session time-out 10 s,
 * rebalance time-out 60 s, heartbeat interval 3 s.
 *
 * @since 0.1
 */
public final class MembershipOptions {
    private final ClientOptions client;
    private final String groupId;
    private final @Nullable String groupInstanceId;
    private final Duration sessionTimeout;
    private final Duration rebalanceTimeout;
    private final Duration heartbeatInterval;

    private MembershipOptions(Draft d) {
        this.client = d.client;
        this.groupId = d.groupId;
        this.groupInstanceId = d.groupInstanceId;
        this.sessionTimeout = d.sessionTimeout;
        this.rebalanceTimeout = d.rebalanceTimeout;
        this.heartbeatInterval = d.heartbeatInterval;
    }

    /** @throws IllegalArgumentException if {@code groupId} is empty */
    public static MembershipOptions create(ClientOptions client, String groupId) {
        requireNonNull(client, "client");
        requireNonNull(groupId, "groupId");
        if (groupId.isEmpty()) {
            throw new IllegalArgumentException("groupId must not be empty");
        }
        Draft d = new Draft();
        d.client = client;
        d.groupId = groupId;
        return new MembershipOptions(d);
    }

    public ClientOptions client() {
        return client;
    }

    public String groupId() {
        return groupId;
    }

    /** Static membership ({@code group.instance.id}): the member keeps its place across restarts within the session. */
    public MembershipOptions groupInstanceId(@Nullable String id) {
        if (id != null && id.isEmpty()) {
            throw new IllegalArgumentException("groupInstanceId must not be empty");
        }
        return copy(d -> d.groupInstanceId = id);
    }

    public @Nullable String groupInstanceId() {
        return groupInstanceId;
    }

    /** How long the coordinator waits for a heartbeat before removing the member ({@code session.timeout.ms}). */
    public MembershipOptions sessionTimeout(Duration timeout) {
        return copy(d -> d.sessionTimeout = positive(timeout, "sessionTimeout"));
    }

    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    /** How long the coordinator waits for members to rejoin in a rebalance ({@code rebalance.timeout.ms}). */
    public MembershipOptions rebalanceTimeout(Duration timeout) {
        return copy(d -> d.rebalanceTimeout = positive(timeout, "rebalanceTimeout"));
    }

    public Duration rebalanceTimeout() {
        return rebalanceTimeout;
    }

    /** How often the member heartbeats ({@code heartbeat.interval.ms}); below the session time-out. */
    public MembershipOptions heartbeatInterval(Duration interval) {
        return copy(d -> d.heartbeatInterval = positive(interval, "heartbeatInterval"));
    }

    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    private static Duration positive(Duration d, String name) {
        requireNonNull(d, name);
        if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be positive and at most " + Integer.MAX_VALUE
                + " ms, was " + d);
        }
        return d;
    }

    private MembershipOptions copy(Consumer<Draft> change) {
        Draft d = new Draft();
        d.client = client;
        d.groupId = groupId;
        d.groupInstanceId = groupInstanceId;
        d.sessionTimeout = sessionTimeout;
        d.rebalanceTimeout = rebalanceTimeout;
        d.heartbeatInterval = heartbeatInterval;
        change.accept(d);
        return new MembershipOptions(d);
    }

    private static final class Draft {
        ClientOptions client;
        String groupId;
        @Nullable String groupInstanceId;
        Duration sessionTimeout = Duration.ofSeconds(10);
        Duration rebalanceTimeout = Duration.ofSeconds(60);
        Duration heartbeatInterval = Duration.ofSeconds(3);
    }
}
