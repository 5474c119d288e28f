package io.tributary.streams.internal.runtime;

import io.tributary.streams.HostInfo;
import io.tributary.streams.processor.TaskId;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which instance runs which task, as the group leader placed them, and how many partitions each sub-topology has:
 * what every instance needs to tell where a key lives. The leader sends it to every member with its assignment.
 * Only instances with an {@code application.server} are in it. Immutable.
 *
 * <p>Bytes: a version byte (1); an int32 count of sub-topologies, then per sub-topology its id and partition count
 * (int32 each); an int32 count of hosts, then per host its endpoint (int16 length and UTF-8 {@code host:port}),
 * its active tasks and its standby tasks (each an int32 count, then int32 sub-topology and int32 partition each).
 *
 * @param partitions partition count per sub-topology
 * @param hosts      the instances, with their tasks
 */
record HostMap(Map<Integer, Integer> partitions, List<Host> hosts) {
    static final HostMap EMPTY = new HostMap(Map.of(), List.of());
    private static final byte VERSION = 1;

    /** One instance and the tasks it runs and keeps standbys of. */
    record Host(HostInfo info, Set<TaskId> active, Set<TaskId> standby) {
        Host {
            active = Set.copyOf(active);
            standby = Set.copyOf(standby);
        }
    }

    HostMap {
        partitions = Map.copyOf(partitions);
        hosts = List.copyOf(hosts);
    }

    byte[] encode() {
        List<byte[]> endpoints = new ArrayList<>();
        int size = 1 + Integer.BYTES + partitions.size() * 2 * Integer.BYTES + Integer.BYTES;
        for (Host h : hosts) {
            byte[] endpoint = AssignorBytes.endpoint(h.info());
            endpoints.add(endpoint);
            size += Short.BYTES + endpoint.length + AssignorBytes.size(h.active()) + AssignorBytes.size(h.standby());
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(VERSION).putInt(partitions.size());
        partitions.forEach((sub, count) -> out.putInt(sub).putInt(count));
        out.putInt(hosts.size());
        for (int i = 0; i < hosts.size(); i++) {
            Host h = hosts.get(i);
            AssignorBytes.writeEndpoint(out, endpoints.get(i));
            AssignorBytes.writeTasks(out, h.active());
            AssignorBytes.writeTasks(out, h.standby());
        }
        return out.array();
    }

    /** The map in {@code bytes}; {@link #EMPTY} for none, another version or bytes that do not parse. */
    static HostMap decode(byte @Nullable [] bytes) {
        if (bytes == null || bytes.length == 0 || bytes[0] != VERSION) {
            return EMPTY;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
            Map<Integer, Integer> partitions = new HashMap<>();
            int subtopologies = AssignorBytes.count(in, 2 * Integer.BYTES);
            for (int i = 0; i < subtopologies; i++) {
                partitions.put(in.getInt(), in.getInt());
            }
            List<Host> hosts = new ArrayList<>();
            int hostCount = AssignorBytes.count(in, Short.BYTES + 2 * Integer.BYTES);
            for (int i = 0; i < hostCount; i++) {
                HostInfo info = AssignorBytes.readEndpoint(in);
                if (info == null) {
                    return EMPTY;
                }
                hosts.add(new Host(info, AssignorBytes.readTasks(in), AssignorBytes.readTasks(in)));
            }
            return new HostMap(partitions, hosts);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return EMPTY;
        }
    }
}
