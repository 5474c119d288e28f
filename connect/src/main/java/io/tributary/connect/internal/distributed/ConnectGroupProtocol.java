package io.tributary.connect.internal.distributed;

import io.tributary.consumer.group.GroupProtocol;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * What a distributed worker says and does in the group's rebalances: announces its REST url, how far it has read
 * the config topic and what it runs; as leader, reads the config topic to its end and assigns with the
 * {@link IncrementalAssignor}; hands its own assignment to the herder. Thread-safe as far as the membership loop
 * needs: calls come one at a time.
 */
final class ConnectGroupProtocol implements GroupProtocol {
    private final String url;
    private final ConfigTopicStore configs;
    private final Supplier<WorkerLoad> running;
    private final IncrementalAssignor assignor;
    private final Function<ConnectProtocol.Assignment, Mono<Void>> onAssigned;
    private final Supplier<Mono<Void>> onLost;

    /**
     * @param running    what this worker runs now
     * @param onAssigned applies this worker's assignment
     * @param onLost     the generation was lost: stop everything (others may run it already)
     */
    ConnectGroupProtocol(String url, ConfigTopicStore configs, Supplier<WorkerLoad> running, long maxDelayMs,
                         Function<ConnectProtocol.Assignment, Mono<Void>> onAssigned, Supplier<Mono<Void>> onLost) {
        this.url = url;
        this.configs = configs;
        this.running = running;
        this.assignor = new IncrementalAssignor(maxDelayMs);
        this.onAssigned = onAssigned;
        this.onLost = onLost;
    }

    @Override
    public String protocolType() {
        return ConnectProtocol.TYPE;
    }

    @Override
    public List<Metadata> metadata() {
        return List.of(new Metadata(ConnectProtocol.PROTOCOL, ConnectProtocol.write(new ConnectProtocol.Metadata(url,
            configs.snapshot().offset(), running.get()))));
    }

    @Override
    public Mono<Void> beforeJoin(int generation, boolean lost) {
        return lost ? Mono.defer(onLost) : Mono.empty();
    }

    @Override
    public Mono<Map<String, byte[]>> assign(String leaderId, String protocol, List<Member> members) {
        // The leader assigns what the config topic holds now, which is at least what every member has read.
        return configs.readToEnd().then(Mono.fromCallable(() -> {
            ConfigTopicStore.Snapshot snapshot = configs.snapshot();
            Map<String, WorkerLoad> loads = new HashMap<>();
            members.forEach(m -> loads.put(m.memberId(), ConnectProtocol.readMetadata(m.metadata()).running()));
            Map<String, IncrementalAssignor.Result> results = assignor.assign(loads, snapshot.taskCounts(),
                System.currentTimeMillis());
            Map<String, byte[]> out = new HashMap<>();
            results.forEach((member, r) -> out.put(member, ConnectProtocol.write(new ConnectProtocol.Assignment(
                false, leaderId, url, snapshot.offset(), r.assigned(), r.revoked(), r.delayMs()))));
            return out;
        }));
    }

    @Override
    public Mono<Void> onAssigned(Assignment assignment) {
        return onAssigned.apply(ConnectProtocol.readAssignment(assignment.data()));
    }
}
