package io.tributary.broker.internal.group;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.message.ConsumerProtocolSubscription;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Helpers for the state-machine tests: a recording store, join parameters and captured callbacks. */
final class GroupTestSupport {
    static final int SESSION = 10_000;
    static final int REBALANCE = 30_000;

    private GroupTestSupport() {
    }

    /** A store that records every write and reports it done at once. */
    static final class RecordingStore implements GroupStore {
        final List<CoordinatorRecord> records = new ArrayList<>();

        @Override
        public synchronized void write(String groupId, List<CoordinatorRecord> batch,
                                       Consumer<@Nullable Throwable> done) {
            records.addAll(batch);
            done.accept(null);
        }

        synchronized List<CoordinatorRecord.Group> groupRecords() {
            List<CoordinatorRecord.Group> out = new ArrayList<>();
            records.forEach(r -> {
                if (r instanceof CoordinatorRecord.Group g) {
                    out.add(g);
                }
            });
            return out;
        }
    }

    /** Captures the one value a callback receives. */
    static final class Captured<T> implements Consumer<T> {
        private final List<T> values = new ArrayList<>();

        @Override
        public synchronized void accept(T value) {
            values.add(value);
        }

        synchronized boolean done() {
            return !values.isEmpty();
        }

        synchronized T get() {
            if (values.size() != 1) {
                throw new AssertionError("expected exactly one callback, got " + values);
            }
            return values.get(0);
        }
    }

    static GroupConfig config(int initialDelayMs) {
        return GroupConfig.defaults().withInitialRebalanceDelayMs(initialDelayMs);
    }

    static JoinParams join(String memberId, String... protocols) {
        return joinAs(memberId, null, "consumer", protocols);
    }

    static JoinParams joinAs(String memberId, @Nullable String instanceId, String type, String... protocols) {
        List<JoinParams.Protocol> list = new ArrayList<>();
        for (String p : protocols) {
            list.add(new JoinParams.Protocol(p, subscription("topic-" + p)));
        }
        return new JoinParams(memberId, instanceId, "client", "/127.0.0.1", REBALANCE, SESSION, type, list, true,
            true);
    }

    static JoinParams withMetadata(JoinParams p, byte[] metadata) {
        List<JoinParams.Protocol> list = new ArrayList<>();
        p.protocols().forEach(x -> list.add(new JoinParams.Protocol(x.name(), metadata)));
        return new JoinParams(p.memberId(), p.groupInstanceId(), p.clientId(), p.clientHost(), p.rebalanceTimeoutMs(),
            p.sessionTimeoutMs(), p.protocolType(), list, p.requireKnownMemberId(), p.supportsSkipAssignment());
    }

    /** A ConsumerProtocolSubscription v1 for the given topics, with its int16 version prefix. */
    static byte[] subscription(String... topics) {
        ByteBuf b = Unpooled.buffer();
        b.writeShort(1);
        new ConsumerProtocolSubscription().topics(List.of(topics)).write(b, (short) 1);
        return ByteBufUtil.getBytes(b);
    }

    /** Joins a member through MEMBER_ID_REQUIRED; returns the callback of the second, parked JoinGroup. */
    static Captured<JoinResult> joinWithId(ClassicGroup group, JoinParams params, long now) {
        Captured<JoinResult> first = new Captured<>();
        group.join(params, now, first);
        String id = first.get().memberId();
        Captured<JoinResult> second = new Captured<>();
        group.join(new JoinParams(id, params.groupInstanceId(), params.clientId(), params.clientHost(),
            params.rebalanceTimeoutMs(), params.sessionTimeoutMs(), params.protocolType(), params.protocols(),
            params.requireKnownMemberId(), params.supportsSkipAssignment()), now, second);
        return second;
    }

    static JoinParams rejoin(JoinParams params, String memberId) {
        return new JoinParams(memberId, params.groupInstanceId(), params.clientId(), params.clientHost(),
            params.rebalanceTimeoutMs(), params.sessionTimeoutMs(), params.protocolType(), params.protocols(),
            params.requireKnownMemberId(), params.supportsSkipAssignment());
    }
}
