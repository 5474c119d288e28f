package io.tributary.broker.internal.group;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tributary.common.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Encodes and decodes the records of {@code __consumer_offsets} (PROTOCOL.md 5.8): keys are an int16 record type
 * then the key struct, values an int16 version then the value struct, all non-flexible. Writes OffsetCommitKey
 * (type 1) with OffsetCommitValue v3 and GroupMetadataKey (type 2) with GroupMetadataValue v3; reads offset values
 * v0-3 and group values v0-3. Consumer-protocol group records (types 3, 5-8) go to {@link ConsumerGroupRecords}.
 * Stateless and thread-safe.
 */
public final class CoordinatorRecords {
    static final short OFFSET_KEY_TYPE = 1;
    static final short GROUP_KEY_TYPE = 2;
    static final short OFFSET_VALUE_VERSION = 3;
    static final short GROUP_VALUE_VERSION = 3;

    private CoordinatorRecords() {
    }

    /** The record's key bytes. */
    public static byte[] key(CoordinatorRecord record) {
        if (record instanceof ConsumerGroupRecord c) {
            return ConsumerGroupRecords.key(c);
        }
        ByteBuf b = Unpooled.buffer();
        if (record instanceof CoordinatorRecord.Offset o) {
            b.writeShort(OFFSET_KEY_TYPE);
            writeString(b, o.groupId());
            writeString(b, o.partition().topic());
            b.writeInt(o.partition().partition());
        } else {
            b.writeShort(GROUP_KEY_TYPE);
            writeString(b, record.groupId());
        }
        return ByteBufUtil.getBytes(b);
    }

    /** The record's value bytes, or null for a tombstone. */
    public static byte @Nullable [] value(CoordinatorRecord record) {
        if (record instanceof ConsumerGroupRecord c) {
            return ConsumerGroupRecords.value(c);
        }
        ByteBuf b = Unpooled.buffer();
        if (record instanceof CoordinatorRecord.Offset o) {
            CommittedOffset v = o.value();
            if (v == null) {
                return null;
            }
            b.writeShort(OFFSET_VALUE_VERSION);
            b.writeLong(v.offset());
            b.writeInt(v.leaderEpoch());
            writeString(b, v.metadata());
            b.writeLong(v.commitTimestamp());
        } else {
            GroupSnapshot g = ((CoordinatorRecord.Group) record).value();
            if (g == null) {
                return null;
            }
            b.writeShort(GROUP_VALUE_VERSION);
            writeString(b, g.protocolType());
            b.writeInt(g.generationId());
            writeString(b, g.protocolName());
            writeString(b, g.leaderId());
            b.writeLong(g.currentStateTimestamp());
            b.writeInt(g.members().size());
            for (GroupSnapshot.MemberSnapshot m : g.members()) {
                writeString(b, m.memberId());
                writeString(b, m.groupInstanceId());
                writeString(b, m.clientId());
                writeString(b, m.clientHost());
                b.writeInt(m.rebalanceTimeoutMs());
                b.writeInt(m.sessionTimeoutMs());
                b.writeInt(m.subscription().length);
                b.writeBytes(m.subscription());
                b.writeInt(m.assignment().length);
                b.writeBytes(m.assignment());
            }
        }
        return ByteBufUtil.getBytes(b);
    }

    /**
     * Decodes a record; null for record types this coordinator does not handle (share and streams groups) and for
     * value versions it cannot read.
     *
     * @throws IndexOutOfBoundsException if the bytes are truncated
     */
    public static @Nullable CoordinatorRecord decode(ByteBuf key, @Nullable ByteBuf value) {
        ByteBuf k = key.duplicate();
        short type = k.readShort();
        if (type == 0 || type == OFFSET_KEY_TYPE) {
            String group = readString(k);
            TopicPartition tp = new TopicPartition(readString(k), k.readInt());
            return new CoordinatorRecord.Offset(group, tp, value == null ? null : decodeOffset(value.duplicate()));
        }
        if (type == GROUP_KEY_TYPE) {
            String group = readString(k);
            if (value == null) {
                return new CoordinatorRecord.Group(group, null);
            }
            GroupSnapshot snapshot = decodeGroup(value.duplicate());
            return snapshot == null ? null : new CoordinatorRecord.Group(group, snapshot);
        }
        return ConsumerGroupRecords.decode(type, k, value);
    }

    private static @Nullable CommittedOffset decodeOffset(ByteBuf v) {
        short version = v.readShort();
        if (version < 0 || version > 3) {
            return null;
        }
        long offset = v.readLong();
        int epoch = version >= 3 ? v.readInt() : -1;
        String metadata = readString(v);
        long timestamp = v.readLong();
        return new CommittedOffset(offset, epoch, metadata, timestamp);
    }

    private static @Nullable GroupSnapshot decodeGroup(ByteBuf v) {
        short version = v.readShort();
        if (version < 0 || version > 3) {
            return null;
        }
        String protocolType = readString(v);
        int generation = v.readInt();
        String protocol = readNullableString(v);
        String leader = readNullableString(v);
        long timestamp = version >= 2 ? v.readLong() : -1;
        int count = v.readInt();
        List<GroupSnapshot.MemberSnapshot> members = new ArrayList<>(Math.max(0, count));
        for (int i = 0; i < count; i++) {
            String memberId = readString(v);
            String instanceId = version >= 3 ? readNullableString(v) : null;
            String clientId = readString(v);
            String clientHost = readString(v);
            int sessionTimeout;
            int rebalanceTimeout;
            if (version >= 1) {
                rebalanceTimeout = v.readInt();
                sessionTimeout = v.readInt();
            } else {
                sessionTimeout = v.readInt();
                rebalanceTimeout = sessionTimeout;
            }
            byte[] subscription = readBytes(v);
            byte[] assignment = readBytes(v);
            members.add(new GroupSnapshot.MemberSnapshot(memberId, instanceId, clientId, clientHost,
                rebalanceTimeout, sessionTimeout, subscription, assignment));
        }
        return new GroupSnapshot(protocolType, generation, protocol, leader, timestamp, members);
    }

    private static void writeString(ByteBuf b, @Nullable String s) {
        if (s == null) {
            b.writeShort(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.writeShort(bytes.length);
        b.writeBytes(bytes);
    }

    private static String readString(ByteBuf b) {
        String s = readNullableString(b);
        return s == null ? "" : s;
    }

    private static @Nullable String readNullableString(ByteBuf b) {
        short len = b.readShort();
        if (len < 0) {
            return null;
        }
        String s = b.toString(b.readerIndex(), len, StandardCharsets.UTF_8);
        b.skipBytes(len);
        return s;
    }

    private static byte[] readBytes(ByteBuf b) {
        int len = b.readInt();
        if (len < 0) {
            return GroupMember.EMPTY;
        }
        byte[] out = new byte[len];
        b.readBytes(out);
        return out;
    }
}
