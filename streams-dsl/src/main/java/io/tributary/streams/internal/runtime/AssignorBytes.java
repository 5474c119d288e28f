package io.tributary.streams.internal.runtime;

import io.tributary.streams.HostInfo;
import io.tributary.streams.processor.TaskId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The pieces {@link TaskAssignor}'s user data and the {@link HostMap} are written in: a set of tasks (int32 count,
 * then int32 sub-topology and int32 partition each) and an endpoint (int16 length and UTF-8 {@code host:port},
 * length 0 for none). Reading checks every count against the bytes left, so bad bytes fail before allocating.
 * Stateless.
 */
final class AssignorBytes {
    private static final int TASK_BYTES = 2 * Integer.BYTES;

    private AssignorBytes() {
    }

    static int size(Set<TaskId> tasks) {
        return Integer.BYTES + tasks.size() * TASK_BYTES;
    }

    static void writeTasks(ByteBuffer out, Set<TaskId> tasks) {
        out.putInt(tasks.size());
        for (TaskId t : tasks) {
            out.putInt(t.subtopology()).putInt(t.partition());
        }
    }

    /**
     * @throws IllegalArgumentException for a count the bytes left cannot hold
     * @throws java.nio.BufferUnderflowException for bytes that end early
     */
    static Set<TaskId> readTasks(ByteBuffer in) {
        int count = count(in, TASK_BYTES);
        Set<TaskId> tasks = new HashSet<>();
        for (int i = 0; i < count; i++) {
            tasks.add(new TaskId(in.getInt(), in.getInt()));
        }
        return tasks;
    }

    /** The bytes {@link #writeEndpoint} writes for {@code endpoint}; none for null. */
    static byte[] endpoint(@Nullable HostInfo endpoint) {
        return endpoint == null ? new byte[0] : endpoint.toString().getBytes(StandardCharsets.UTF_8);
    }

    static void writeEndpoint(ByteBuffer out, byte[] endpoint) {
        out.putShort((short) endpoint.length).put(endpoint);
    }

    /** The endpoint next in {@code in}; null when the bytes end first, it is empty, or it is not {@code host:port}. */
    static @Nullable HostInfo readEndpoint(ByteBuffer in) {
        if (in.remaining() < Short.BYTES) {
            return null;
        }
        int length = in.getShort() & 0xffff;
        if (length == 0 || length > in.remaining()) {
            return null;
        }
        byte[] server = new byte[length];
        in.get(server);
        try {
            return HostInfo.parse(new String(server, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A count read before that many items of at least {@code itemBytes}.
     *
     * @throws IllegalArgumentException for one the bytes left cannot hold
     */
    static int count(ByteBuffer in, int itemBytes) {
        int count = in.getInt();
        if (count < 0 || count > in.remaining() / itemBytes) {
            throw new IllegalArgumentException("impossible count " + count);
        }
        return count;
    }
}
