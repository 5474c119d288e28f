package io.tributary.consumer.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.common.TopicPartition;
import io.tributary.consumer.PartitionAssignor;
import io.tributary.protocol.Message;
import io.tributary.protocol.message.ConsumerProtocolAssignment;
import io.tributary.protocol.message.ConsumerProtocolSubscription;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of the classic {@code consumer} protocol type: a member's subscription (JoinGroup protocol metadata) and
 * assignment (SyncGroup), each an int16 version followed by the struct of that version. Writes version 3; reads any
 * version, a newer one with the newest layout known (Kafka's rule: later versions only append fields). Stateless.
 */
final class ConsumerProtocolCodec {
    static final String PROTOCOL_TYPE = "consumer";
    private static final short SUBSCRIPTION_VERSION = ConsumerProtocolSubscription.HIGHEST_VERSION;
    private static final short ASSIGNMENT_VERSION = ConsumerProtocolAssignment.HIGHEST_VERSION;

    private ConsumerProtocolCodec() {
    }

    /** A member's subscription: topics (sorted), user data, owned partitions, generation and rack. */
    static byte[] subscription(Collection<String> topics, byte @Nullable [] userData, Set<TopicPartition> owned,
                               int generation, @Nullable String rackId) {
        List<ConsumerProtocolSubscription.TopicPartition> ownedByTopic = new ArrayList<>();
        byTopic(owned).forEach((topic, partitions) -> ownedByTopic.add(
            new ConsumerProtocolSubscription.TopicPartition().topic(topic).partitions(partitions)));
        ConsumerProtocolSubscription subscription = new ConsumerProtocolSubscription()
            .topics(new ArrayList<>(new TreeSet<>(topics)))
            .userData(userData)
            .ownedPartitions(ownedByTopic)
            .generationId(generation)
            .rackId(rackId);
        return write(subscription, SUBSCRIPTION_VERSION);
    }

    /** Reads the subscription of member {@code memberId}. */
    static PartitionAssignor.MemberSubscription readSubscription(String memberId, @Nullable String groupInstanceId,
                                                             byte[] bytes) {
        ConsumerProtocolSubscription s = read(bytes, SUBSCRIPTION_VERSION, ConsumerProtocolSubscription::read);
        List<TopicPartition> owned = new ArrayList<>();
        if (s.ownedPartitions() != null) {
            for (ConsumerProtocolSubscription.TopicPartition tp : s.ownedPartitions()) {
                for (int partition : tp.partitions()) {
                    owned.add(new TopicPartition(tp.topic(), partition));
                }
            }
        }
        String rack = s.rackId() == null || s.rackId().isEmpty() ? null : s.rackId();
        List<String> topics = s.topics() == null ? List.of() : s.topics();
        return new PartitionAssignor.MemberSubscription(memberId, groupInstanceId, topics, owned, s.generationId(),
            s.userData(), rack);
    }

    /** A member's assignment. */
    static byte[] assignment(Collection<TopicPartition> partitions) {
        return assignment(partitions, null);
    }

    /** A member's assignment, with the assignor's user data. */
    static byte[] assignment(Collection<TopicPartition> partitions, byte @Nullable [] userData) {
        List<ConsumerProtocolAssignment.TopicPartition> assigned = new ArrayList<>();
        byTopic(partitions).forEach((topic, numbers) -> assigned.add(
            new ConsumerProtocolAssignment.TopicPartition().topic(topic).partitions(numbers)));
        return write(new ConsumerProtocolAssignment().assignedPartitions(assigned).userData(userData),
            ASSIGNMENT_VERSION);
    }

    /** The assignor's user data in an assignment, or null. */
    static byte @Nullable [] assignmentUserData(byte @Nullable [] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        return read(bytes, ASSIGNMENT_VERSION, ConsumerProtocolAssignment::read).userData();
    }

    /** Reads an assignment; empty bytes (a leader that assigned nothing to this member) mean no partitions. */
    static Set<TopicPartition> readAssignment(byte @Nullable [] bytes) {
        if (bytes == null || bytes.length == 0) {
            return Set.of();
        }
        ConsumerProtocolAssignment a = read(bytes, ASSIGNMENT_VERSION, ConsumerProtocolAssignment::read);
        List<TopicPartition> partitions = new ArrayList<>();
        for (ConsumerProtocolAssignment.TopicPartition tp : a.assignedPartitions()) {
            for (int partition : tp.partitions()) {
                partitions.add(new TopicPartition(tp.topic(), partition));
            }
        }
        return PartitionSets.sorted(partitions);
    }

    private static Map<String, List<Integer>> byTopic(Collection<TopicPartition> partitions) {
        Map<String, List<Integer>> byTopic = new TreeMap<>();
        for (TopicPartition tp : partitions) {
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition());
        }
        byTopic.values().forEach(list -> list.sort(Integer::compare));
        return byTopic;
    }

    private static byte[] write(Message message, short version) {
        ByteBuf buf = Unpooled.buffer(Short.BYTES + message.size(version));
        buf.writeShort(version);
        message.write(buf, version);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return bytes;
    }

    private static <T> T read(byte[] bytes, short highest, BiFunction<ByteBuf, Short, T> reader) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        short version = buf.readShort();
        if (version < 0) {
            throw new IllegalArgumentException("Negative consumer protocol version " + version);
        }
        return reader.apply(buf, (short) Math.min(version, highest));
    }
}
