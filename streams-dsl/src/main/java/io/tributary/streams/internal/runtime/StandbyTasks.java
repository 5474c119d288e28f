package io.tributary.streams.internal.runtime;

import io.tributary.common.TopicPartition;
import io.tributary.streams.internal.Subtopology;
import io.tributary.streams.internal.engine.StreamTask;
import io.tributary.streams.internal.engine.TaskFactory;
import io.tributary.streams.processor.TaskId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standby tasks of one instance: per task, a copy of its logged stores (a task created but never driven) and
 * the next changelog offset each store reflects, fed one changelog record at a time the way a restore applies them.
 * A task assigned here {@link #take takes} its standby over, so that its restore replays only the changelog's tail.
 * Owned by {@link DefaultTributaryStreams}; every method runs under its lock, so a standby is never fed while it is
 * opened, taken or closed, and is never opened while its task is active here. Opening and closing are blocking IO
 * when the stores are persistent.
 */
final class StandbyTasks {
    private static final Logger LOG = LoggerFactory.getLogger(StandbyTasks.class);

    /** A standby copy of a task and, per logged store, the next changelog offset the copy reflects. */
    record Standby(StreamTask task, Map<String, Long> positions) {
    }

    private record Target(Standby standby, String store) {
    }

    private final TaskFactory factory;
    private final Object lock;
    /** Whether a task is active here or becoming so: then no standby of it is opened. */
    private final Predicate<TaskId> active;
    private final Set<Integer> statefulSubtopologies;
    private final Map<TaskId, Standby> standbys = new HashMap<>();
    /** The ids of {@link #standbys}, for readers that must not wait for the lock (the group's assignor). */
    private volatile Set<TaskId> ids = Set.of();
    private final Map<TopicPartition, Target> byChangelog = new HashMap<>();
    /** Counts the standbys opened: a new one needs its changelog read from its own start, not the feed's position. */
    private long opened;
    private boolean closed;

    StandbyTasks(TaskFactory factory, Object lock, Predicate<TaskId> active) {
        this.factory = factory;
        this.lock = lock;
        this.active = active;
        this.statefulSubtopologies = factory.subtopologies().stream()
            .filter(s -> s.stores().stream().anyMatch(store -> factory.graph().stores().get(store).loggingEnabled()))
            .map(Subtopology::id)
            .collect(Collectors.toSet());
    }

    /** Whether the topology has a task with a logged store, so anything to keep a standby of. */
    boolean anyStateful() {
        return !statefulSubtopologies.isEmpty();
    }

    /**
     * Makes the standbys those of {@code wanted} (tasks without logged stores or active here are skipped): closes
     * the others but those of active tasks, with a checkpoint of what they applied, and opens the missing ones. A
     * standby that cannot be opened is logged and tried again on the next update.
     */
    void update(Set<TaskId> wanted) {
        synchronized (lock) {
            if (closed) {
                return;   // a refresh that raced with the application's close
            }
            for (TaskId id : List.copyOf(standbys.keySet())) {
                // One of an active task is left for it to take over (the assignment may be seen before the take).
                if (!wanted.contains(id) && !active.test(id)) {
                    close(standbys.remove(id));
                }
            }
            for (TaskId id : wanted) {
                if (!standbys.containsKey(id) && statefulSubtopologies.contains(id.subtopology())
                    && !active.test(id)) {
                    open(id);
                }
            }
            index();
        }
    }

    private void open(TaskId id) {
        StreamTask task;
        try {
            task = factory.create(id);
        } catch (RuntimeException e) {
            LOG.warn("Could not open a standby of task {}; trying again later", id, e);
            return;
        }
        // A persistent store starts from its checkpoint; the rest from the changelog's start.
        Map<String, Long> positions = new ConcurrentHashMap<>();
        task.changelogTopics().keySet().forEach(store -> {
            Long checkpointed = task.checkpointedOffset(store);
            if (checkpointed != null) {
                positions.put(store, checkpointed);
            }
        });
        standbys.put(id, new Standby(task, positions));
        opened++;
        LOG.debug("Opened a standby of task {} at {}", id, positions);
    }

    private static void close(Standby standby) {
        try {
            // Only committed changelog records were applied, so the checkpoint holds under exactly-once too.
            standby.task().close(true);
        } catch (RuntimeException e) {
            LOG.warn("Could not close the standby of task {}", standby.task().id(), e);
        }
    }

    private void index() {
        ids = Set.copyOf(standbys.keySet());
        byChangelog.clear();
        standbys.values().forEach(s -> s.task().changelogTopics().forEach((store, topic) ->
            byChangelog.put(new TopicPartition(topic, s.task().id().partition()), new Target(s, store))));
    }

    /** Removes and returns the standby of {@code id}, for its task to run on; null if there is none. */
    @Nullable Standby take(TaskId id) {
        synchronized (lock) {
            Standby s = standbys.remove(id);
            if (s != null) {
                index();
                LOG.info("Task {} takes over its standby, at changelog positions {}", id, s.positions());
            }
            return s;
        }
    }

    /**
     * Applies one changelog record to the standby reading {@code changelog}, if any. Returns -1, or, for a record
     * before the standby's position (the feed started earlier than the standby needs), that position to seek to.
     */
    long apply(TopicPartition changelog, long offset, byte @Nullable [] key, byte @Nullable [] value,
               long timestamp) {
        synchronized (lock) {
            Target target = byChangelog.get(changelog);
            if (target == null) {
                return -1;
            }
            Long position = target.standby().positions().get(target.store());
            if (position != null && offset < position) {
                return position;
            }
            StreamTask task = target.standby().task();
            task.restore(target.store(), key, value, timestamp);
            target.standby().positions().put(target.store(), offset + 1);
            task.changelogAt(target.store(), offset + 1);
            return -1;
        }
    }

    /** The changelog partitions the standbys read, each with the next offset its store needs (0: from the start). */
    Map<TopicPartition, Long> positions() {
        synchronized (lock) {
            Map<TopicPartition, Long> out = new HashMap<>();
            byChangelog.forEach((tp, target) -> out.put(tp, target.standby().positions().getOrDefault(target.store(),
                0L)));
            return out;
        }
    }

    /** How many standbys were opened so far; a change means the feed must start again for the new ones. */
    long openedCount() {
        synchronized (lock) {
            return opened;
        }
    }

    /** The tasks held as standbys now; does not wait for the lock. */
    Set<TaskId> ids() {
        return ids;
    }

    /** Closes every standby, with checkpoints; blocking IO when the stores are persistent. */
    void closeAll() {
        synchronized (lock) {
            closed = true;
            standbys.values().forEach(StandbyTasks::close);
            standbys.clear();
            ids = Set.of();
            byChangelog.clear();
        }
    }
}
