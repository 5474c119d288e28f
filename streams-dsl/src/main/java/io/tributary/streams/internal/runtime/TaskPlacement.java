package io.tributary.streams.internal.runtime;

import io.tributary.streams.processor.TaskId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Places tasks on members: balanced (task counts differ by at most one where the members' topics allow) and sticky
 * (a member keeps as many of its current tasks as its share allows). A member keeping only part of its tasks keeps
 * them in partition order across sub-topologies, so that it holds the same partitions of every sub-topology and
 * each sub-topology stays spread. A task no one keeps goes, among the members with room for it, first to one holding
 * a standby of it (its state is warm there), then to the one with the fewest tasks, then the fewest of its
 * sub-topology. Deterministic:
 * members are visited in the order given. Not thread-safe; one placement per instance.
 */
final class TaskPlacement {
    /** Partition first, so that a member's share holds the same partitions of every sub-topology. */
    static final Comparator<TaskId> ORDER = Comparator.comparingInt(TaskId::partition)
        .thenComparingInt(TaskId::subtopology);

    /**
     * One member as the placement sees it.
     *
     * @param id       the member id
     * @param current  the tasks it owns now
     * @param warm     the tasks it holds standbys of
     * @param eligible whether it can run a task (it subscribes to the task's topics)
     */
    record Member(String id, Set<TaskId> current, Set<TaskId> warm, java.util.function.Predicate<TaskId> eligible) {
    }

    private final Set<TaskId> tasks;
    private final List<Member> members;
    private final Map<String, List<TaskId>> placed = new LinkedHashMap<>();
    private final int floor;
    /** How many members may still hold one task above {@link #floor}. */
    private int extra;

    TaskPlacement(Set<TaskId> tasks, List<Member> members) {
        this.tasks = new TreeSet<>(ORDER);
        this.tasks.addAll(tasks);
        this.members = List.copyOf(members);
        this.floor = members.isEmpty() ? 0 : tasks.size() / members.size();
        this.extra = members.isEmpty() ? 0 : tasks.size() % members.size();
        members.forEach(m -> placed.put(m.id(), new ArrayList<>()));
    }

    /** Every member's tasks, by member id, in {@link #ORDER}. */
    Map<String, List<TaskId>> place() {
        if (members.isEmpty()) {
            return Map.of();
        }
        Set<TaskId> unplaced = new TreeSet<>(ORDER);
        unplaced.addAll(tasks);
        Map<String, List<TaskId>> kept = keep(unplaced);
        // Members with more tasks of their own than the floor keep one more while the extra places last.
        for (Member m : members) {
            List<TaskId> rest = kept.get(m.id());
            if (extra > 0 && !rest.isEmpty()) {
                take(m, rest.get(0), unplaced);
                extra--;
            }
        }
        for (TaskId task : List.copyOf(unplaced)) {
            Member to = receiver(task);
            if (to != null) {
                if (placed.get(to.id()).size() == floor) {
                    extra--;
                }
                take(to, task, unplaced);
            }
        }
        placed.values().forEach(list -> list.sort(ORDER));
        return placed;
    }

    /** Each member keeps up to {@link #floor} of its current tasks; returns, per member, those it could not keep. */
    private Map<String, List<TaskId>> keep(Set<TaskId> unplaced) {
        Map<String, List<TaskId>> rest = new HashMap<>();
        for (Member m : members) {
            List<TaskId> own = new ArrayList<>();
            for (TaskId task : m.current()) {
                if (unplaced.contains(task) && m.eligible().test(task)) {
                    own.add(task);
                }
            }
            own.sort(ORDER);
            int keep = Math.min(floor, own.size());
            for (TaskId task : own.subList(0, keep)) {
                take(m, task, unplaced);
            }
            rest.put(m.id(), new ArrayList<>(own.subList(keep, own.size())));
        }
        return rest;
    }

    /**
     * The member that takes a task no one kept: one with room (see {@link #hasRoom}), else (members' topics differ)
     * the eligible one with the fewest tasks; null when no member can run it.
     */
    private @Nullable Member receiver(TaskId task) {
        Member best = null;
        for (Member m : members) {
            if (!m.eligible().test(task)) {
                continue;
            }
            if (best == null || better(m, best, task)) {
                best = m;
            }
        }
        return best;
    }

    private boolean better(Member a, Member b, TaskId task) {
        boolean roomA = hasRoom(a);
        if (roomA != hasRoom(b)) {
            return roomA;
        }
        boolean warmA = a.warm().contains(task);
        if (warmA != b.warm().contains(task)) {
            return warmA;
        }
        int countA = placed.get(a.id()).size();
        int countB = placed.get(b.id()).size();
        if (countA != countB) {
            return countA < countB;
        }
        return sameSubtopology(a, task) < sameSubtopology(b, task);
    }

    /**
     * Below the floor, or at it while extra places last. Any member with room keeps the placement balanced: each
     * ends with floor or floor + 1 tasks, and at most the initial extra count with floor + 1.
     */
    private boolean hasRoom(Member m) {
        int count = placed.get(m.id()).size();
        return count < floor || count == floor && extra > 0;
    }

    private long sameSubtopology(Member m, TaskId task) {
        return placed.get(m.id()).stream().filter(t -> t.subtopology() == task.subtopology()).count();
    }

    private void take(Member m, TaskId task, Set<TaskId> unplaced) {
        placed.get(m.id()).add(task);
        unplaced.remove(task);
    }
}
