package io.tributary.consumer.internal;

import io.tributary.errors.ApiException;
import io.tributary.protocol.ErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * What a group member does about an answer or failure from its coordinator, from the mildest to the gravest; when
 * several arrive before the member acts, it acts on the gravest ({@link #max}).
 */
enum GroupReaction {
    /** Join again at once (the group is rebalancing, or the subscription changed). */
    REJOIN,
    /** Join again after the retry back-off (coordinator moved, loading, unreachable). */
    RETRY_LATER,
    /** The generation is over ({@code ILLEGAL_GENERATION}): the partitions are lost; join again. */
    RESET_GENERATION,
    /** The coordinator does not know the member ({@code UNKNOWN_MEMBER_ID}): partitions lost; join as new. */
    RESET_MEMBER,
    /** The member cannot go on ({@code FENCED_INSTANCE_ID}, authorization, bad settings): partitions lost; stop. */
    FATAL;

    /** The reaction to a classic-protocol error code other than {@code NONE}. */
    static GroupReaction of(ErrorCode error) {
        return switch (error) {
            case REBALANCE_IN_PROGRESS -> REJOIN;
            case ILLEGAL_GENERATION -> RESET_GENERATION;
            case UNKNOWN_MEMBER_ID -> RESET_MEMBER;
            case FENCED_INSTANCE_ID -> FATAL;
            default -> error.retriable() ? RETRY_LATER : FATAL;
        };
    }

    /**
     * The reaction to a failed request: wire errors by their code; anything else (broken connection, time-out,
     * coordinator not found within the API timeout) is retried later.
     */
    static GroupReaction of(Throwable failure) {
        return failure instanceof ApiException api ? of(api.error()) : RETRY_LATER;
    }

    /**
     * The reaction to an error a member's offset commit got, or null when the error says nothing about the
     * membership (a bad offset, an unknown topic) and the member carries on.
     */
    static @Nullable GroupReaction ofCommitError(ErrorCode error) {
        return switch (error) {
            case REBALANCE_IN_PROGRESS, ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID, FENCED_INSTANCE_ID -> of(error);
            default -> null;
        };
    }

    /** Whether the member's partitions are lost (not revoked: someone else may own them already). */
    boolean losesPartitions() {
        return this == RESET_GENERATION || this == RESET_MEMBER || this == FATAL;
    }

    static GroupReaction max(GroupReaction a, GroupReaction b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
