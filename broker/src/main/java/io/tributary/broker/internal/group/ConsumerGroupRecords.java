package io.tributary.broker.internal.group;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.internal.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Encodes and decodes {@link ConsumerGroupRecord}s in the layout of Kafka's group coordinator: the key is the int16
 * record type then a non-flexible struct of the group id (and member id), the value is int16 version 0 then a
 * flexible struct (compact strings and arrays, tagged fields, which are skipped when read). ConsumerGroupPartition
 * Metadata (type 4), which Kafka 4.1 no longer writes, and regular-expression records are ignored. Stateless.
 */
final class ConsumerGroupRecords {
    static final short GROUP_EPOCH = 3;
    static final short MEMBER_METADATA = 5;
    static final short TARGET_EPOCH = 6;
    static final short TARGET_MEMBER = 7;
    static final short CURRENT_ASSIGNMENT = 8;
    private static final short VALUE_VERSION = 0;

    private ConsumerGroupRecords() {
    }

    static byte[] key(ConsumerGroupRecord record) {
        ByteBuf b = Unpooled.buffer();
        if (record instanceof ConsumerGroupRecord.GroupEpoch) {
            b.writeShort(GROUP_EPOCH);
        } else if (record instanceof ConsumerGroupRecord.TargetEpoch) {
            b.writeShort(TARGET_EPOCH);
        } else {
            b.writeShort(record instanceof ConsumerGroupRecord.MemberMetadata ? MEMBER_METADATA
                : record instanceof ConsumerGroupRecord.TargetMember ? TARGET_MEMBER : CURRENT_ASSIGNMENT);
        }
        Wire.writeString(b, record.groupId(), false, false, "GroupId");
        String member = memberId(record);
        if (member != null) {
            Wire.writeString(b, member, false, false, "MemberId");
        }
        return ByteBufUtil.getBytes(b);
    }

    static byte @Nullable [] value(ConsumerGroupRecord record) {
        ByteBuf b = Unpooled.buffer();
        b.writeShort(VALUE_VERSION);
        if (record instanceof ConsumerGroupRecord.GroupEpoch r) {
            if (r.epoch() == null) {
                return null;
            }
            b.writeInt(r.epoch());
        } else if (record instanceof ConsumerGroupRecord.TargetEpoch r) {
            if (r.epoch() == null) {
                return null;
            }
            b.writeInt(r.epoch());
        } else if (record instanceof ConsumerGroupRecord.MemberMetadata r) {
            if (r.value() == null) {
                return null;
            }
            writeMetadata(b, r.value());
        } else if (record instanceof ConsumerGroupRecord.TargetMember r) {
            if (r.partitions() == null) {
                return null;
            }
            writePartitions(b, r.partitions());
        } else {
            ConsumerMemberAssignment a = ((ConsumerGroupRecord.CurrentAssignment) record).value();
            if (a == null) {
                return null;
            }
            b.writeInt(a.memberEpoch());
            b.writeInt(a.previousMemberEpoch());
            b.writeByte(a.state().value());
            writePartitions(b, a.assigned());
            writePartitions(b, a.pendingRevocation());
        }
        Wire.writeUnsignedVarint(b, 0);
        return ByteBufUtil.getBytes(b);
    }

    /** Decodes a record of type 3 or 5-8; null for other types and for value versions other than 0. */
    static @Nullable ConsumerGroupRecord decode(short type, ByteBuf key, @Nullable ByteBuf value) {
        try {
            return decodeOrFail(type, key, value);
        } catch (RuntimeException e) {
            if (e instanceof IndexOutOfBoundsException) {
                throw e;
            }
            throw new IndexOutOfBoundsException("malformed record: " + e.getMessage());
        }
    }

    private static @Nullable ConsumerGroupRecord decodeOrFail(short type, ByteBuf key, @Nullable ByteBuf value) {
        String group = String.valueOf(Wire.readString(key, false, false, "GroupId"));
        boolean withMember = type == MEMBER_METADATA || type == TARGET_MEMBER || type == CURRENT_ASSIGNMENT;
        String member = withMember ? String.valueOf(Wire.readString(key, false, false, "MemberId")) : "";
        ByteBuf v = value == null ? null : value.duplicate();
        if (v != null && v.readShort() != VALUE_VERSION) {
            return null;
        }
        return switch (type) {
            case GROUP_EPOCH -> new ConsumerGroupRecord.GroupEpoch(group, v == null ? null : v.readInt());
            case TARGET_EPOCH -> new ConsumerGroupRecord.TargetEpoch(group, v == null ? null : v.readInt());
            case MEMBER_METADATA -> new ConsumerGroupRecord.MemberMetadata(group, member,
                v == null ? null : readMetadata(v));
            case TARGET_MEMBER -> new ConsumerGroupRecord.TargetMember(group, member,
                v == null ? null : readPartitions(v));
            case CURRENT_ASSIGNMENT -> new ConsumerGroupRecord.CurrentAssignment(group, member,
                v == null ? null : new ConsumerMemberAssignment(v.readInt(), v.readInt(), MemberState.of(v.readByte()),
                    readPartitions(v), readPartitions(v)));
            default -> null;
        };
    }

    private static @Nullable String memberId(ConsumerGroupRecord record) {
        if (record instanceof ConsumerGroupRecord.MemberMetadata r) {
            return r.memberId();
        }
        if (record instanceof ConsumerGroupRecord.TargetMember r) {
            return r.memberId();
        }
        return record instanceof ConsumerGroupRecord.CurrentAssignment r ? r.memberId() : null;
    }

    private static void writeMetadata(ByteBuf b, ConsumerMemberMetadata m) {
        Wire.writeString(b, m.instanceId(), true, true, "InstanceId");
        Wire.writeString(b, m.rackId(), true, true, "RackId");
        Wire.writeString(b, m.clientId(), true, false, "ClientId");
        Wire.writeString(b, m.clientHost(), true, false, "ClientHost");
        Wire.writeArrayLength(b, m.subscribedTopicNames().size(), true, false, "SubscribedTopicNames");
        for (String topic : m.subscribedTopicNames()) {
            Wire.writeString(b, topic, true, false, "SubscribedTopicNames");
        }
        Wire.writeString(b, m.subscribedTopicRegex(), true, true, "SubscribedTopicRegex");
        b.writeInt(m.rebalanceTimeoutMs());
        Wire.writeString(b, m.serverAssignor(), true, true, "ServerAssignor");
    }

    private static ConsumerMemberMetadata readMetadata(ByteBuf v) {
        String instance = Wire.readString(v, true, true, "InstanceId");
        String rack = Wire.readString(v, true, true, "RackId");
        String clientId = String.valueOf(Wire.readString(v, true, false, "ClientId"));
        String clientHost = String.valueOf(Wire.readString(v, true, false, "ClientHost"));
        int n = Wire.readArrayLength(v, true, false, "SubscribedTopicNames");
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            topics.add(String.valueOf(Wire.readString(v, true, false, "SubscribedTopicNames")));
        }
        String regex = Wire.readString(v, true, true, "SubscribedTopicRegex");
        int rebalanceTimeout = v.readInt();
        String assignor = Wire.readString(v, true, true, "ServerAssignor");
        return new ConsumerMemberMetadata(instance, rack, clientId, clientHost, topics, regex, rebalanceTimeout,
            assignor);
    }

    private static void writePartitions(ByteBuf b, Map<UUID, Set<Integer>> partitions) {
        Wire.writeArrayLength(b, partitions.size(), true, false, "TopicPartitions");
        partitions.forEach((topic, ps) -> {
            Wire.writeUuid(b, topic);
            Wire.writeArrayLength(b, ps.size(), true, false, "Partitions");
            ps.forEach(b::writeInt);
            Wire.writeUnsignedVarint(b, 0);
        });
    }

    private static Map<UUID, Set<Integer>> readPartitions(ByteBuf v) {
        int topics = Wire.readArrayLength(v, true, false, "TopicPartitions");
        Map<UUID, Set<Integer>> out = new TreeMap<>();
        for (int i = 0; i < topics; i++) {
            UUID topic = Wire.readUuid(v);
            int n = Wire.readArrayLength(v, true, false, "Partitions");
            Set<Integer> ps = new TreeSet<>();
            for (int j = 0; j < n; j++) {
                ps.add(v.readInt());
            }
            out.put(topic, ps);
            skipTaggedFields(v);
        }
        return Assignments.copyOf(out);
    }

    private static void skipTaggedFields(ByteBuf v) {
        int count = Wire.readUnsignedVarint(v);
        for (int i = 0; i < count; i++) {
            Wire.readUnsignedVarint(v);
            Wire.readTaggedField(v);
        }
    }
}
