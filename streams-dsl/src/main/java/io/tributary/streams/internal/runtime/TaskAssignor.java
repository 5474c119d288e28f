package io.tributary.streams.internal.runtime;

import io.tributary.common.TopicPartition;
import io.tributary.consumer.PartitionAssignor;
import io.tributary.streams.HostInfo;
import io.tributary.streams.processor.TaskId;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's group assignor: assigns tasks, not partitions, so that the partitions of one task (the same
 * partition of every source topic of a sub-topology, co-partitioned) always go to one instance, and rebalances
 * cooperatively: an instance keeps its tasks through a rebalance, and a task that moves is first given up by its
 * owner (left out of this round) and reaches its new owner in the next round, so that no task ever runs in two
 * places and the tasks that stay are neither closed nor restored. Placement: {@link TaskPlacement} (balanced,
 * sticky, and a task without owner goes where a standby of it is warm).
 *
 * <p>Each member's {@code UserData}: a version byte (1), the generation it owned its partitions in (int32), the
 * tasks it holds standbys of (int32 count, then int32 sub-topology and int32 partition each), then its
 * {@code application.server} (int16 length and UTF-8 {@code host:port}, length 0 for none). The leader sends every
 * member the {@link HostMap} of this assignment (who runs which task, standbys placed as {@link StandbyPlacement}
 * places them), which {@link #onAssignment} hands on. Topics the leader's topology does not know get no
 * assignment. Thread-safe.
 */
final class TaskAssignor implements PartitionAssignor {
    static final String NAME = "tributary-streams";
    private static final Logger LOG = LoggerFactory.getLogger(TaskAssignor.class);
    private static final byte VERSION = 1;
    private static final int NO_GENERATION = -1;
    /** Static members (by instance id) first, then dynamic ones by member id: a static member keeps its tasks. */
    private static final Comparator<MemberSubscription> MEMBER_ORDER = Comparator
        .comparing(MemberSubscription::groupInstanceId, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(MemberSubscription::memberId);

    private final Map<String, Integer> subtopologyByTopic;
    private final Supplier<Set<TaskId>> standbys;
    private final @Nullable HostInfo endpoint;
    private final int replicas;
    private final Consumer<HostMap> onHostMap;
    /** As leader: the last assignment made and the host map sent with it. */
    private volatile @Nullable Map<String, List<TopicPartition>> lastAssignment;
    private volatile byte[] lastHostMap = HostMap.EMPTY.encode();

    /**
     * @param subtopologyByTopic the sub-topology every source topic feeds
     * @param standbys           the tasks this instance holds standbys of now, announced when it joins
     * @param endpoint           this instance's {@code application.server}, or null
     * @param replicas           {@code num.standby.replicas}, to place standbys in the host map
     * @param onHostMap          hears the host map of each assignment this member receives
     */
    TaskAssignor(Map<String, Integer> subtopologyByTopic, Supplier<Set<TaskId>> standbys, @Nullable HostInfo endpoint,
                 int replicas, Consumer<HostMap> onHostMap) {
        this.subtopologyByTopic = Map.copyOf(subtopologyByTopic);
        this.standbys = standbys;
        this.endpoint = endpoint;
        this.replicas = replicas;
        this.onHostMap = onHostMap;
    }

    /** Without {@code application.server}, standbys or a host map: for tests of the placement alone. */
    TaskAssignor(Map<String, Integer> subtopologyByTopic, Supplier<Set<TaskId>> standbys) {
        this(subtopologyByTopic, standbys, null, 0, map -> { });
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean cooperative() {
        return true;
    }

    @Override
    public byte[] userData(int generation) {
        Set<TaskId> warm = standbys.get();
        byte[] server = AssignorBytes.endpoint(endpoint);
        ByteBuffer out = ByteBuffer.allocate(1 + Integer.BYTES + AssignorBytes.size(warm) + Short.BYTES
                + server.length)
            .put(VERSION)
            .putInt(generation);
        AssignorBytes.writeTasks(out, warm);
        AssignorBytes.writeEndpoint(out, server);
        return out.array();
    }

    /** What a member's user data says; a member without (or with unreadable) user data owns in no generation. */
    record Announced(int generation, Set<TaskId> standbys, @Nullable HostInfo endpoint) {
        static final Announced NONE = new Announced(NO_GENERATION, Set.of(), null);

        static Announced read(byte @Nullable [] userData) {
            if (userData == null || userData.length == 0 || userData[0] != VERSION) {
                return NONE;
            }
            try {
                ByteBuffer in = ByteBuffer.wrap(userData, 1, userData.length - 1);
                int generation = in.getInt();
                Set<TaskId> warm;
                try {
                    warm = AssignorBytes.readTasks(in);
                } catch (IllegalArgumentException e) {
                    return new Announced(generation, Set.of(), null);
                }
                return new Announced(generation, warm, AssignorBytes.readEndpoint(in));
            } catch (BufferUnderflowException e) {
                return NONE;
            }
        }
    }

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, Integer> partitionsPerTopic,
                                                    Map<String, MemberSubscription> subscriptions) {
        Map<TaskId, List<TopicPartition>> tasks = tasks(partitionsPerTopic);
        List<MemberSubscription> ordered = new ArrayList<>(subscriptions.values());
        ordered.sort(MEMBER_ORDER);
        Map<String, Announced> announced = new HashMap<>();
        ordered.forEach(m -> announced.put(m.memberId(), Announced.read(m.userData())));
        Map<TopicPartition, String> owners = owners(ordered, announced);

        List<TaskPlacement.Member> members = new ArrayList<>();
        for (MemberSubscription m : ordered) {
            Set<TaskId> current = new HashSet<>();
            for (TopicPartition tp : m.ownedPartitions()) {
                Integer sub = subtopologyByTopic.get(tp.topic());
                if (sub != null && m.memberId().equals(owners.get(tp))) {
                    current.add(new TaskId(sub, tp.partition()));
                }
            }
            Set<String> topics = Set.copyOf(m.topics());
            members.add(new TaskPlacement.Member(m.memberId(), current, announced.get(m.memberId()).standbys(),
                task -> tasks.get(task).stream().allMatch(tp -> topics.contains(tp.topic()))));
        }
        Map<String, List<TaskId>> placed = new TaskPlacement(tasks.keySet(), members).place();

        Map<String, List<TopicPartition>> assignment = new HashMap<>();
        placed.forEach((member, memberTasks) -> {
            List<TopicPartition> partitions = new ArrayList<>();
            for (TaskId task : memberTasks) {
                List<TopicPartition> taskPartitions = tasks.get(task);
                // Cooperative: a task still held, even in part, by another member waits for it to be given up.
                if (taskPartitions.stream().allMatch(tp -> heldByNoOtherThan(member, tp, ordered))) {
                    partitions.addAll(taskPartitions);
                }
            }
            assignment.put(member, partitions);
        });
        lastHostMap = hostMap(tasks, assignment, ordered, announced).encode();
        lastAssignment = assignment;
        return assignment;
    }

    @Override
    public byte[] assignmentUserData(String memberId, Map<String, List<TopicPartition>> assignment,
                                     Map<String, MemberSubscription> subscriptions) {
        return assignment == lastAssignment ? lastHostMap : HostMap.EMPTY.encode();
    }

    @Override
    public void onAssignment(List<TopicPartition> partitions, byte @Nullable [] userData, int generation) {
        onHostMap.accept(HostMap.decode(userData));
    }

    /** Who runs which task in {@code assignment}, and where the standbys go; members without an endpoint left out. */
    private HostMap hostMap(Map<TaskId, List<TopicPartition>> tasks, Map<String, List<TopicPartition>> assignment,
                            List<MemberSubscription> members, Map<String, Announced> announced) {
        Map<Integer, Integer> partitions = new HashMap<>();
        tasks.keySet().forEach(t -> partitions.merge(t.subtopology(), t.partition() + 1, Math::max));
        Map<String, Set<TaskId>> active = new HashMap<>();
        assignment.forEach((member, assigned) -> {
            Set<TaskId> ids = new HashSet<>();
            for (TopicPartition tp : assigned) {
                ids.add(new TaskId(subtopologyByTopic.get(tp.topic()), tp.partition()));
            }
            active.put(member, ids);
        });
        List<HostMap.Host> hosts = new ArrayList<>();
        for (MemberSubscription m : members) {
            HostInfo host = announced.get(m.memberId()).endpoint();
            if (host != null) {
                hosts.add(new HostMap.Host(host, active.getOrDefault(m.memberId(), Set.of()),
                    StandbyPlacement.standbysOf(m.memberId(), active, replicas)));
            }
        }
        return new HostMap(partitions, hosts);
    }

    /** The tasks of the known source topics: partition p of every topic of a sub-topology makes task (s, p). */
    private Map<TaskId, List<TopicPartition>> tasks(Map<String, Integer> partitionsPerTopic) {
        Map<TaskId, List<TopicPartition>> tasks = new HashMap<>();
        partitionsPerTopic.forEach((topic, count) -> {
            Integer sub = subtopologyByTopic.get(topic);
            if (sub == null) {
                LOG.warn("Topic {} is not a source topic of this topology: its partitions are not assigned", topic);
                return;
            }
            for (int p = 0; p < count; p++) {
                tasks.computeIfAbsent(new TaskId(sub, p), t -> new ArrayList<>()).add(new TopicPartition(topic, p));
            }
        });
        return tasks;
    }

    /**
     * Who owns each claimed partition: the claimant that owned it in the highest generation; a partition claimed
     * twice in one generation has no owner (both give it up, as they get it no more).
     */
    private static Map<TopicPartition, String> owners(List<MemberSubscription> members,
                                                      Map<String, Announced> announced) {
        Map<TopicPartition, String> owners = new HashMap<>();
        Map<TopicPartition, Integer> generations = new HashMap<>();
        for (MemberSubscription m : members) {
            int generation = Math.max(m.generation(), announced.get(m.memberId()).generation());
            for (TopicPartition tp : m.ownedPartitions()) {
                Integer other = generations.get(tp);
                if (other == null || generation > other) {
                    owners.put(tp, m.memberId());
                    generations.put(tp, generation);
                } else if (generation == other) {
                    owners.remove(tp);
                }
            }
        }
        return owners;
    }

    private static boolean heldByNoOtherThan(String member, TopicPartition tp, List<MemberSubscription> members) {
        for (MemberSubscription m : members) {
            if (!m.memberId().equals(member) && m.ownedPartitions().contains(tp)) {
                return false;
            }
        }
        return true;
    }
}
