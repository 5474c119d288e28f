package io.tributary.streams.internal.runtime;

import io.tributary.streams.processor.TaskId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where standby replicas go, computed by every instance alone from the group's assignment (the SDK consumer has no
 * assignor hook to carry a placement): a task's {@code replicas} standbys are on the members that follow its owner
 * in sorted member-id order, wrapping around, never on the owner, so fewer when the group is smaller. Every member
 * seeing the same assignment computes the same placement. Stateless.
 */
final class StandbyPlacement {
    private StandbyPlacement() {
    }

    /**
     * The tasks {@code self} hosts standbys of, given each member's active tasks. Tasks {@code self} owns itself are
     * never among them, even if the assignment also lists them under another member.
     */
    static Set<TaskId> standbysOf(String self, Map<String, Set<TaskId>> activeByMember, int replicas) {
        List<String> members = new ArrayList<>(activeByMember.keySet());
        members.sort(null);
        int index = members.indexOf(self);
        if (index < 0 || replicas <= 0) {
            return Set.of();
        }
        int size = members.size();
        int perTask = Math.min(replicas, size - 1);
        Set<TaskId> standbys = new HashSet<>();
        // self hosts a standby of each task owned by one of the perTask members before it.
        for (int back = 1; back <= perTask; back++) {
            standbys.addAll(activeByMember.get(members.get(Math.floorMod(index - back, size))));
        }
        standbys.removeAll(activeByMember.get(self));
        return standbys;
    }
}
