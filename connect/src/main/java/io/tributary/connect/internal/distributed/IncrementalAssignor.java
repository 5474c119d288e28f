package io.tributary.connect.internal.distributed;

import io.tributary.connect.internal.herder.ConnectorTaskId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The leader's incremental cooperative assignment of connectors and tasks to workers: running work stays where it
 * runs; work of deleted connectors is revoked; a new worker gets its share by revoking the excess of the busiest
 * workers, which is assigned in the next round (after its owners stopped it, so nothing ever runs twice); work
 * whose worker left is reassigned, after {@code scheduled.rebalance.max.delay.ms} so that a worker that only
 * restarts finds it again. Connectors and tasks are balanced separately, each worker within one of the others.
 *
 * <p>Not thread-safe: used by the leader's membership loop only. It remembers the last assignment (to tell lost
 * work from never-assigned work) and the deadline of a delayed reassignment.
 */
final class IncrementalAssignor {
    private final long maxDelayMs;
    private final Map<String, WorkerLoad> departed = new HashMap<>();
    private Map<String, WorkerLoad> previous = Map.of();
    private long deadline = -1;

    /**
     * The result for one worker: everything it should run now and what it must stop (then rejoin, so the work
     * reaches its next owner); with {@code delayMs} above 0, rejoin after that long, when work held for a departed
     * worker is handed out.
     */
    record Result(WorkerLoad assigned, WorkerLoad revoked, long delayMs) {
    }

    IncrementalAssignor(long maxDelayMs) {
        this.maxDelayMs = maxDelayMs;
    }

    /**
     * Assigns the configured work.
     *
     * @param running    per worker (member id) what it runs now, from its join metadata
     * @param configured per connector its number of tasks
     * @param now        the current time in ms
     */
    Map<String, Result> assign(Map<String, WorkerLoad> running, Map<String, Integer> configured, long now) {
        Set<String> allConnectors = new TreeSet<>(configured.keySet());
        Set<ConnectorTaskId> allTasks = new TreeSet<>();
        configured.forEach((c, n) -> {
            for (int i = 0; i < n; i++) {
                allTasks.add(new ConnectorTaskId(c, i));
            }
        });
        Map<String, Set<String>> connectors = new TreeMap<>();
        Map<String, Set<ConnectorTaskId>> tasks = new TreeMap<>();
        Map<String, Set<String>> revokedConnectors = new TreeMap<>();
        Map<String, Set<ConnectorTaskId>> revokedTasks = new TreeMap<>();
        Set<String> ownedConnectors = new HashSet<>();
        Set<ConnectorTaskId> ownedTasks = new HashSet<>();
        // Sorted by worker, so which of two claimants keeps a piece of work does not depend on map order.
        for (Map.Entry<String, WorkerLoad> e : new TreeMap<>(running).entrySet()) {
            String worker = e.getKey();
            connectors.put(worker, new TreeSet<>());
            tasks.put(worker, new TreeSet<>());
            revokedConnectors.put(worker, new TreeSet<>());
            revokedTasks.put(worker, new TreeSet<>());
            // Keep what is still configured and not claimed twice (a worker that lost its generation may still
            // report work someone else took over meanwhile); revoke the rest.
            for (String c : e.getValue().connectors()) {
                (allConnectors.contains(c) && ownedConnectors.add(c) ? connectors : revokedConnectors)
                    .get(worker).add(c);
            }
            for (ConnectorTaskId t : e.getValue().tasks()) {
                (allTasks.contains(t) && ownedTasks.add(t) ? tasks : revokedTasks).get(worker).add(t);
            }
        }
        Set<String> freeConnectors = new TreeSet<>(allConnectors);
        freeConnectors.removeAll(ownedConnectors);
        Set<ConnectorTaskId> freeTasks = new TreeSet<>(allTasks);
        freeTasks.removeAll(ownedTasks);

        long delay = holdLostWork(running, freeConnectors, freeTasks, now);
        if (delay == 0) {
            revokeExcess(connectors, revokedConnectors, allConnectors.size());
            revokeExcess(tasks, revokedTasks, allTasks.size());
        }
        // Work revoked from a worker this round reaches its next owner only in the next round.
        Set<String> assignableConnectors = new TreeSet<>(freeConnectors);
        Set<ConnectorTaskId> assignableTasks = new TreeSet<>(freeTasks);
        revokedConnectors.values().forEach(assignableConnectors::removeAll);
        revokedTasks.values().forEach(assignableTasks::removeAll);
        spread(assignableConnectors, connectors);
        spread(assignableTasks, tasks);

        Map<String, Result> out = new TreeMap<>();
        Map<String, WorkerLoad> next = new HashMap<>();
        for (String worker : running.keySet()) {
            WorkerLoad assigned = new WorkerLoad(connectors.get(worker), tasks.get(worker));
            next.put(worker, assigned);
            out.put(worker, new Result(assigned, new WorkerLoad(revokedConnectors.get(worker),
                revokedTasks.get(worker)), delay));
        }
        previous = next;
        return out;
    }

    /**
     * Keeps work lost with departed workers unassigned until the deadline; returns the delay left (0 when
     * everything may be assigned now).
     */
    private long holdLostWork(Map<String, WorkerLoad> running, Set<String> freeConnectors,
                              Set<ConnectorTaskId> freeTasks, long now) {
        previous.forEach((worker, load) -> {
            if (!running.containsKey(worker)) {
                departed.put(worker, load);
            }
        });
        // A static member that came back under its id runs its work again by itself.
        departed.keySet().removeAll(running.keySet());
        Set<String> heldConnectors = new TreeSet<>();
        Set<ConnectorTaskId> heldTasks = new TreeSet<>();
        departed.values().forEach(load -> {
            load.connectors().stream().filter(freeConnectors::contains).forEach(heldConnectors::add);
            load.tasks().stream().filter(freeTasks::contains).forEach(heldTasks::add);
        });
        if (heldConnectors.isEmpty() && heldTasks.isEmpty() || maxDelayMs <= 0) {
            departed.clear();
            deadline = -1;
            return 0;
        }
        if (deadline < 0) {
            deadline = now + maxDelayMs;
        }
        if (now >= deadline) {
            departed.clear();
            deadline = -1;
            return 0;
        }
        freeConnectors.removeAll(heldConnectors);
        freeTasks.removeAll(heldTasks);
        return deadline - now;
    }

    /** Revokes from each worker what it holds above its fair share of {@code total}. */
    private static <T extends Comparable<T>> void revokeExcess(Map<String, Set<T>> owned,
                                                               Map<String, Set<T>> revoked, int total) {
        int workers = owned.size();
        if (workers == 0) {
            return;
        }
        int floor = total / workers;
        int ceil = floor + (total % workers == 0 ? 0 : 1);
        // Workers may keep ceil only as long as there are enough workers at ceil to go round.
        int allowedAtCeil = total % workers == 0 ? workers : total % workers;
        List<String> byLoad = new ArrayList<>(owned.keySet());
        byLoad.sort(Comparator.comparing((Function<String, Integer>) w -> owned.get(w).size()).reversed()
            .thenComparing(Function.identity()));
        for (String worker : byLoad) {
            Set<T> mine = owned.get(worker);
            int keep = allowedAtCeil-- > 0 ? ceil : floor;
            while (mine.size() > keep) {
                T last = ((TreeSet<T>) mine).last();
                mine.remove(last);
                revoked.get(worker).add(last);
            }
        }
    }

    /** Gives each free item to the least loaded worker (ties by name). */
    private static <T> void spread(Set<T> free, Map<String, Set<T>> owned) {
        for (T item : free) {
            String target = null;
            for (Map.Entry<String, Set<T>> e : owned.entrySet()) {
                if (target == null || e.getValue().size() < owned.get(target).size()) {
                    target = e.getKey();
                }
            }
            if (target != null) {
                owned.get(target).add(item);
            }
        }
    }
}
