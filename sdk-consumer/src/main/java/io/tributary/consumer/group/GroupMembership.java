package io.tributary.consumer.group;

import io.tributary.consumer.internal.ProtocolGroupMember;
import reactor.core.publisher.Mono;

/**
 * A member of a Kafka group under a {@link GroupProtocol}: joins, heartbeats every
 * {@link MembershipOptions#heartbeatInterval()} however slow the application is, rejoins when the coordinator
 * starts a rebalance or the application asks with {@link #rejoin}, and leaves on {@link #leave()}. Works against
 * Tributary's broker and Apache Kafka alike. Thread-safe.
 *
 * <pre>{@code
 * GroupMembership member = GroupMembership.create(MembershipOptions.create(client, "workers"), protocol);
 * member.join();            // the protocol's onAssigned tells of each generation
 * ...
 * member.leave().block();   // the group rebalances without waiting for the session time-out
 * }</pre>
 *
 * @since 0.1
 */
public interface GroupMembership {
    /** A member that does nothing until {@link #join()}. */
    static GroupMembership create(MembershipOptions options, GroupProtocol protocol) {
        return new ProtocolGroupMember(options, protocol);
    }

    /** Starts the membership in the background. @throws IllegalStateException if called twice */
    void join();

    /** Asks for a rebalance: the member joins again soon (e.g. its metadata changed). */
    void rejoin(String reason);

    /** Leaves the group (dynamic members tell the coordinator) and ends; completes when done. */
    Mono<Void> leave();

    /**
     * Ends without telling the coordinator, as a crashed process would: the group rebalances once the session
     * time-out has passed. For tests of failover, and for shutting down when the coordinator is unreachable.
     */
    Mono<Void> abandon();

    /** The member id the coordinator gave, or empty before the first join. */
    String memberId();

    /** The current generation, -1 when there is none. */
    int generation();
}
