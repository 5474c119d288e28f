package io.tributary.consumer.internal;

import static java.util.Objects.requireNonNull;

import io.tributary.client.internal.ClientRuntime;
import java.util.Locale;

/** Creates the {@link GroupMember} for a consumer's {@code group.protocol}. Stateless. */
public final class GroupMembers {
    private GroupMembers() {
    }

    /**
     * A member of {@code settings.groupId()} speaking {@code settings.protocol()} (any case): {@code classic}
     * ({@link ClassicGroupMember}) or {@code consumer} ({@link ConsumerProtocolMember}, KIP-848). Nothing is sent
     * before {@link GroupMember#start}.
     *
     * @throws IllegalArgumentException for another protocol name, or settings the protocol cannot use (no or
     *     unknown assignors for {@code classic})
     */
    public static GroupMember create(ClientRuntime runtime, GroupSettings settings) {
        requireNonNull(runtime, "runtime");
        requireNonNull(settings, "settings");
        return switch (settings.protocol().toLowerCase(Locale.ROOT)) {
            case "classic" -> new ClassicGroupMember(runtime, settings);
            case "consumer" -> new ConsumerProtocolMember(runtime, settings);
            default -> throw new IllegalArgumentException("group.protocol must be classic or consumer, was '"
                + settings.protocol() + "'");
        };
    }
}
