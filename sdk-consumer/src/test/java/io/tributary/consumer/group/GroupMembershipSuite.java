package io.tributary.consumer.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.client.ClientOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Group membership with an application protocol; subclasses give the broker. */
abstract class GroupMembershipSuite {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final List<GroupMembership> members = new ArrayList<>();

    abstract String bootstrapServers();

    @AfterEach
    void leaveAll() {
        Flux.fromIterable(members).flatMap(GroupMembership::leave).blockLast(WAIT);
    }

    /**
     * A member that announces its name (and a version bumped by {@link #changeMetadata}); as leader it sends every
     * member the sorted list of everyone's announcements.
     */
    private static final class Roster implements GroupProtocol {
        final String name;
        final List<String> protocols;
        final List<Assignment> assignments = new CopyOnWriteArrayList<>();
        final AtomicInteger version = new AtomicInteger();
        volatile Duration slowAssigned = Duration.ZERO;
        volatile @Nullable Throwable ended;

        Roster(String name, String... protocols) {
            this.name = name;
            this.protocols = List.of(protocols.length == 0 ? new String[] {"roster"} : protocols);
        }

        @Override
        public String protocolType() {
            return "tributary-test";
        }

        @Override
        public List<Metadata> metadata() {
            return protocols.stream()
                .map(p -> new Metadata(p, (name + "@" + version.get()).getBytes(StandardCharsets.UTF_8)))
                .toList();
        }

        @Override
        public Mono<Map<String, byte[]>> assign(String leaderId, String protocol, List<Member> group) {
            List<String> names = group.stream()
                .map(m -> new String(m.metadata(), StandardCharsets.UTF_8))
                .sorted()
                .toList();
            Map<String, byte[]> out = new HashMap<>();
            group.forEach(m -> out.put(m.memberId(), String.join(",", names).getBytes(StandardCharsets.UTF_8)));
            return Mono.just(out);
        }

        @Override
        public Mono<Void> onAssigned(Assignment assignment) {
            assignments.add(assignment);
            return Mono.delay(slowAssigned).then();
        }

        @Override
        public void onEnded(@Nullable Throwable failure) {
            ended = failure;
        }

        @Nullable Assignment last() {
            return assignments.isEmpty() ? null : assignments.get(assignments.size() - 1);
        }

        String roster() {
            Assignment a = last();
            return a == null ? "" : new String(a.data(), StandardCharsets.UTF_8);
        }
    }

    private GroupMembership start(String group, Roster protocol) {
        GroupMembership member = GroupMembership.create(MembershipOptions.create(ClientOptions.create(
                bootstrapServers()), group)
            .sessionTimeout(Duration.ofSeconds(6))
            .heartbeatInterval(Duration.ofMillis(300))
            .rebalanceTimeout(Duration.ofSeconds(10)), protocol);
        members.add(member);
        member.join();
        return member;
    }

    /** Waits until every protocol's last assignment is of one generation and shows {@code roster}. */
    private static void awaitRoster(Collection<Roster> protocols, String roster) {
        await().atMost(WAIT).until(() -> protocols.stream().allMatch(p -> p.roster().equals(roster))
            && protocols.stream().map(p -> p.last().generation()).distinct().count() == 1);
    }

    @Test
    void membersShareOneGenerationWithOneLeaderWhoseAssignmentEachReceives() {
        String group = "roster-" + UUID.randomUUID();
        List<Roster> protocols = List.of(new Roster("a"), new Roster("b"), new Roster("c"));
        protocols.forEach(p -> start(group, p));

        awaitRoster(protocols, "a@0,b@0,c@0");
        assertThat(protocols.stream().filter(p -> p.last().leader()).count()).isEqualTo(1);
        assertThat(protocols).allSatisfy(p -> {
            assertThat(p.last().protocol()).isEqualTo("roster");
            assertThat(p.last().leaderId()).isEqualTo(protocols.get(0).last().leaderId());
        });
        assertThat(members).extracting(GroupMembership::memberId).doesNotHaveDuplicates().doesNotContain("");
    }

    @Test
    void aLeavingMemberIsGoneFromTheNextGenerationWithoutWaitingForItsSession() {
        String group = "leave-" + UUID.randomUUID();
        Roster a = new Roster("a");
        Roster b = new Roster("b");
        start(group, a);
        GroupMembership leaving = start(group, b);
        awaitRoster(List.of(a, b), "a@0,b@0");
        int before = a.last().generation();

        leaving.leave().block(WAIT);
        // Well within the 6 s session time-out: LeaveGroup started the rebalance.
        await().atMost(Duration.ofSeconds(5)).until(() -> a.roster().equals("a@0"));
        assertThat(a.last().generation()).isGreaterThan(before);
        assertThat(leaving.generation()).isEqualTo(-1);
        assertThat(b.ended).isNull();
    }

    @Test
    void anAbandoningMemberIsRemovedOnlyWhenItsSessionExpires() {
        String group = "abandon-" + UUID.randomUUID();
        Roster a = new Roster("a");
        Roster b = new Roster("b");
        start(group, a);
        GroupMembership crashed = start(group, b);
        awaitRoster(List.of(a, b), "a@0,b@0");

        long abandonedAt = System.nanoTime();
        crashed.abandon().block(WAIT);
        await().atMost(WAIT).until(() -> a.roster().equals("a@0"));
        // No LeaveGroup: the coordinator waited for the 6 s session time-out.
        assertThat(Duration.ofNanos(System.nanoTime() - abandonedAt)).isGreaterThan(Duration.ofSeconds(4));
    }

    @Test
    void rejoinAsksEveryoneForFreshMetadataInANewGeneration() {
        String group = "rejoin-" + UUID.randomUUID();
        Roster a = new Roster("a");
        Roster b = new Roster("b");
        start(group, a);
        GroupMembership member = start(group, b);
        awaitRoster(List.of(a, b), "a@0,b@0");

        b.version.incrementAndGet();
        member.rejoin("my metadata changed");
        awaitRoster(List.of(a, b), "a@0,b@1");
    }

    @Test
    void theCoordinatorPicksAProtocolEveryMemberSpeaks() {
        String group = "protocols-" + UUID.randomUUID();
        Roster a = new Roster("a", "v2", "v1");
        Roster b = new Roster("b", "v1");
        start(group, a);
        start(group, b);
        awaitRoster(List.of(a, b), "a@0,b@0");
        assertThat(a.last().protocol()).isEqualTo("v1");
        assertThat(b.last().protocol()).isEqualTo("v1");
    }

    @Test
    void aSlowMemberKeepsHeartbeatingAndTheGenerationHolds() {
        String group = "slow-" + UUID.randomUUID();
        Roster a = new Roster("a");
        Roster b = new Roster("b");
        // Longer than the 6 s session: only heartbeats during onAssigned keep b in the group.
        b.slowAssigned = Duration.ofSeconds(8);
        start(group, a);
        start(group, b);
        awaitRoster(List.of(a, b), "a@0,b@0");
        int generation = a.last().generation();
        Mono.delay(Duration.ofSeconds(9)).block();
        assertThat(a.assignments).last().extracting(GroupProtocol.Assignment::generation).isEqualTo(generation);
        assertThat(b.assignments).hasSize(1);
    }

    @Test
    void badSettingsAreRefusedUpFront() {
        MembershipOptions options = MembershipOptions.create(ClientOptions.create(bootstrapServers()), "g");
        assertThatThrownBy(() -> GroupMembership.create(options.sessionTimeout(Duration.ofSeconds(1))
            .heartbeatInterval(Duration.ofSeconds(2)), new Roster("x")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("heartbeatInterval");
        assertThatThrownBy(() -> MembershipOptions.create(ClientOptions.create(bootstrapServers()), ""))
            .isInstanceOf(IllegalArgumentException.class);
        GroupMembership member = start("twice-" + UUID.randomUUID(), new Roster("y"));
        assertThatThrownBy(member::join).isInstanceOf(IllegalStateException.class);
    }
}
