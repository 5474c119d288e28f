package io.tributary.consumer.internal;

import io.tributary.client.internal.ClientRuntime;
import io.tributary.errors.TributaryException;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Watches the topics a classic member's assignment was made for: every {@code metadata.max.age.ms} (on
 * {@link GroupTimers} timers), while the member is stable, it resolves the subscription again (a pattern
 * against every topic) and, for the leader, the partition counts of every topic the group subscribes to; when either
 * differs from the snapshot of the last assignment it asks for a rejoin. Thread-safe; owned by a
 * {@link ClassicGroupMember}.
 */
final class TopicWatch {
    private static final Logger LOG = LoggerFactory.getLogger(TopicWatch.class);

    private final ClientRuntime runtime;
    private final String groupId;
    private final BooleanSupplier stable;
    private final LongSupplier round;
    private final ClassicHeartbeats.Faults faults;
    private volatile Map<String, Integer> ownTopics = Map.of();
    private volatile Map<String, Integer> groupTopics = Map.of();

    /**
     * @param stable whether the member holds an assignment and no rebalance is under way (checks run only then)
     * @param round  the member's current join round, which raised faults are about
     */
    TopicWatch(ClientRuntime runtime, String groupId, BooleanSupplier stable, LongSupplier round,
               ClassicHeartbeats.Faults faults) {
        this.runtime = runtime;
        this.groupId = groupId;
        this.stable = stable;
        this.round = round;
        this.faults = faults;
    }

    /**
     * Records what the latest assignment was made for.
     *
     * @param own   the member's subscription resolved at join time: topic to partition count
     * @param group the leader's view of every subscribed topic of the group; empty for other members
     */
    void assigned(Map<String, Integer> own, Map<String, Integer> group) {
        ownTopics = own;
        groupTopics = group;
    }

    /** Starts the periodic checks of {@code subscription}; dispose the result to stop them. */
    Disposable start(Subscription subscription) {
        Duration every = runtime.options().metadataMaxAge();
        return Flux.interval(every, every, GroupTimers.SCHEDULER)
            .onBackpressureDrop()
            .concatMap(tick -> check(subscription), 1)
            .subscribe(null, e -> LOG.error("Metadata checks of group {} stopped", groupId, e));
    }

    private Mono<Void> check(Subscription subscription) {
        if (!stable.getAsBoolean()) {
            return Mono.empty();
        }
        long assignedIn = round.getAsLong();
        Map<String, Integer> own = ownTopics;
        Map<String, Integer> group = groupTopics;
        return SubscribedTopics.resolve(runtime, subscription)
            .zipWith(SubscribedTopics.counts(runtime, group.keySet()))
            .doOnNext(now -> {
                if (!now.getT1().equals(own)) {
                    faults.raise(GroupReaction.REJOIN, assignedIn, new TributaryException("The subscribed topics "
                        + "went from " + own + " to " + now.getT1()));
                } else if (!now.getT2().equals(group)) {
                    faults.raise(GroupReaction.REJOIN, assignedIn, new TributaryException("The group's topics went "
                        + "from " + group + " to " + now.getT2()));
                }
            })
            .onErrorResume(e -> {
                LOG.debug("Metadata check of group {} failed: {}", groupId, e.toString());
                return Mono.empty();
            })
            .then();
    }
}
