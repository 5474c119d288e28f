package io.tributary.consumer.group;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What a {@link GroupMembership} announces and does in each rebalance: the member's metadata per protocol it
 * speaks, the leader's assignment, and what to do before joining and once assigned. The coordinator picks the
 * first protocol (in each member's preference order) that every member speaks.
 *
 * <p>Threading: calls come one at a time, in order, from the membership loop, which runs on the client's event
 * loops and timers: they must not block; return a Mono for slow work. The membership waits for it (within the
 * rebalance time-out, for {@link #beforeJoin}) before the next step, and heartbeats go on meanwhile.
 *
 * @since 0.1
 */
public interface GroupProtocol {
    /** The protocol type all members of the group use ({@code "connect"} for Kafka Connect). */
    String protocolType();

    /** The protocols this member speaks, in preference order, each with its metadata; asked before every join. */
    List<Metadata> metadata();

    /**
     * Called before every join, including the first ({@code generation} -1). With {@code lost} the previous
     * generation ended without this member (a session time-out, a fenced generation): whatever it was assigned may
     * belong to others already.
     */
    default Mono<Void> beforeJoin(int generation, boolean lost) {
        return Mono.empty();
    }

    /**
     * The leader's part: one assignment per member of the JoinGroup answer (members left out get an empty one).
     *
     * @param protocol the protocol the coordinator chose
     */
    Mono<Map<String, byte[]>> assign(String leaderId, String protocol, List<Member> members);

    /** The generation started with this member's {@code assignment}. */
    Mono<Void> onAssigned(Assignment assignment);

    /**
     * The membership ended for good: after {@link GroupMembership#leave()} (null) or a failure no rejoin can cure
     * (non-null), such as a fenced static member or missing authorization.
     */
    default void onEnded(@Nullable Throwable failure) {
    }

    /** One protocol a member speaks and its metadata for it. */
    record Metadata(String name, byte[] metadata) {
        public Metadata {
            requireNonNull(name, "name");
            requireNonNull(metadata, "metadata");
        }
    }

    /** A member as the leader sees it in the JoinGroup answer. */
    record Member(String memberId, @Nullable String groupInstanceId, byte[] metadata) {
    }

    /**
     * A member's share of a generation.
     *
     * @param protocol the protocol the coordinator chose
     * @param data     what the leader assigned to this member (empty if nothing)
     */
    record Assignment(int generation, String memberId, String leaderId, String protocol, byte[] data) {
        /** Whether this member leads this generation. */
        public boolean leader() {
            return leaderId.equals(memberId);
        }
    }
}
