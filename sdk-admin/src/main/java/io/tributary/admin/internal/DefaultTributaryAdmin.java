package io.tributary.admin.internal;

import static java.util.Objects.requireNonNull;

import io.tributary.admin.AdminOptions;
import io.tributary.admin.AlterConfigOp;
import io.tributary.admin.ClusterDescription;
import io.tributary.admin.Config;
import io.tributary.admin.ConfigResource;
import io.tributary.admin.CreatedTopic;
import io.tributary.admin.GroupDescription;
import io.tributary.admin.GroupListing;
import io.tributary.admin.GroupOffset;
import io.tributary.admin.ListedOffset;
import io.tributary.admin.NewTopic;
import io.tributary.admin.OffsetSpec;
import io.tributary.admin.ProducerState;
import io.tributary.admin.TopicDescription;
import io.tributary.admin.TopicListing;
import io.tributary.admin.TransactionListing;
import io.tributary.admin.TributaryAdmin;
import io.tributary.client.internal.ClientRuntime;
import io.tributary.common.TopicPartition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@link TributaryAdmin} implementation: checks arguments at call time, tracks calls for closing, and hands
 * each call to the class of its area. Thread-safe. Nothing connects before the first call is subscribed to.
 */
public final class DefaultTributaryAdmin implements TributaryAdmin {
    private final AdminOptions options;
    private final ClientRuntime runtime;
    private final Lifecycle lifecycle = new Lifecycle();
    private final TopicCalls topics;
    private final ConfigCalls configs;
    private final ClusterCalls cluster;
    private final PartitionCalls partitions;
    private final GroupCalls groups;
    private final GroupOffsetCalls groupOffsets;
    private final TransactionCalls transactions;

    public DefaultTributaryAdmin(AdminOptions options) {
        this.options = requireNonNull(options, "options");
        this.runtime = new ClientRuntime(options.client());
        AdminContext context = new AdminContext(runtime, options);
        Coordinators coordinators = new Coordinators(runtime, ClientRuntime.GROUP);
        this.topics = new TopicCalls(context);
        this.configs = new ConfigCalls(context);
        this.cluster = new ClusterCalls(context);
        this.partitions = new PartitionCalls(context);
        this.groups = new GroupCalls(context, coordinators);
        this.groupOffsets = new GroupOffsetCalls(context, coordinators);
        this.transactions = new TransactionCalls(context, new Coordinators(runtime, ClientRuntime.TRANSACTION));
    }

    @Override
    public Mono<Map<String, CreatedTopic>> createTopics(List<NewTopic> newTopics, boolean validateOnly) {
        List<NewTopic> checked = List.copyOf(Arguments.uniqueTopics(newTopics).values());
        return lifecycle.track(topics.createTopics(checked, validateOnly));
    }

    @Override
    public Mono<Void> deleteTopics(Collection<String> names) {
        return lifecycle.track(topics.deleteTopics(Arguments.names(names, "names")));
    }

    @Override
    public Flux<TopicListing> listTopics(boolean includeInternal) {
        return lifecycle.track(topics.listTopics(includeInternal));
    }

    @Override
    public Mono<Map<String, TopicDescription>> describeTopics(Collection<String> names) {
        return lifecycle.track(topics.describeTopics(Arguments.names(names, "names")));
    }

    @Override
    public Mono<Void> createPartitions(Map<String, Integer> totalPartitionCounts) {
        Map<String, Integer> counts = Arguments.entries(totalPartitionCounts, "totalPartitionCounts");
        counts.forEach((topic, count) -> {
            if (count < 1) {
                throw new IllegalArgumentException("The partition count of topic " + topic
                    + " must be positive, was " + count);
            }
        });
        return lifecycle.track(topics.createPartitions(counts));
    }

    @Override
    public Mono<Map<ConfigResource, Config>> describeConfigs(ConfigResource... resources) {
        requireNonNull(resources, "resources");
        List<ConfigResource> list = new ArrayList<>();
        for (ConfigResource r : resources) {
            if (!list.contains(requireNonNull(r, "resource"))) {
                list.add(r);
            }
        }
        return lifecycle.track(configs.describeConfigs(list));
    }

    @Override
    public Mono<Void> incrementalAlterConfigs(Map<ConfigResource, List<AlterConfigOp>> changes) {
        Map<ConfigResource, List<AlterConfigOp>> checked = Arguments.entries(changes, "changes");
        checked.replaceAll((resource, ops) -> {
            for (AlterConfigOp op : ops) {
                requireNonNull(op, "operation on " + resource);
            }
            return List.copyOf(ops);
        });
        return lifecycle.track(configs.incrementalAlterConfigs(checked));
    }

    @Override
    public Mono<ClusterDescription> describeCluster() {
        return lifecycle.track(cluster.describeCluster());
    }

    @Override
    public Mono<Map<TopicPartition, Long>> deleteRecords(Map<TopicPartition, Long> beforeOffsets) {
        Map<TopicPartition, Long> checked = Arguments.entries(beforeOffsets, "beforeOffsets");
        checked.forEach((tp, offset) -> {
            if (offset < -1) {
                throw new IllegalArgumentException("The offset to delete records of " + tp
                    + " before must be -1 (the high watermark) or more, was " + offset);
            }
        });
        return lifecycle.track(partitions.deleteRecords(checked));
    }

    @Override
    public Mono<Map<TopicPartition, ListedOffset>> listOffsets(Map<TopicPartition, OffsetSpec> specs) {
        return lifecycle.track(partitions.listOffsets(Arguments.entries(specs, "specs")));
    }

    @Override
    public Flux<GroupListing> listGroups() {
        return lifecycle.track(groups.listGroups());
    }

    @Override
    public Mono<Map<String, GroupDescription>> describeGroups(Collection<String> groupIds) {
        return lifecycle.track(groups.describeGroups(Arguments.names(groupIds, "groupIds")));
    }

    @Override
    public Mono<Void> deleteGroups(Collection<String> groupIds) {
        return lifecycle.track(groups.deleteGroups(Arguments.names(groupIds, "groupIds")));
    }

    @Override
    public Mono<Map<TopicPartition, GroupOffset>> listGroupOffsets(String groupId) {
        return lifecycle.track(groupOffsets.listGroupOffsets(Arguments.groupId(groupId)));
    }

    @Override
    public Mono<Void> alterGroupOffsets(String groupId, Map<TopicPartition, Long> offsets) {
        String group = Arguments.groupId(groupId);
        Map<TopicPartition, Long> checked = Arguments.entries(offsets, "offsets");
        checked.forEach((tp, offset) -> {
            if (offset < 0) {
                throw new IllegalArgumentException("The offset of " + tp + " for group " + group
                    + " must not be negative, was " + offset);
            }
        });
        return lifecycle.track(groupOffsets.alterGroupOffsets(group, checked));
    }

    @Override
    public Mono<Void> deleteGroupOffsets(String groupId, Collection<TopicPartition> partitions) {
        String group = Arguments.groupId(groupId);
        return lifecycle.track(groupOffsets.deleteGroupOffsets(group, Arguments.partitions(partitions)));
    }

    @Override
    public Mono<Map<TopicPartition, List<ProducerState>>> describeProducers(Collection<TopicPartition> partitions) {
        return lifecycle.track(this.partitions.describeProducers(Arguments.partitions(partitions)));
    }

    @Override
    public Flux<TransactionListing> listTransactions() {
        return lifecycle.track(transactions.listTransactions());
    }

    @Override
    public Mono<Void> fenceProducers(Collection<String> transactionalIds) {
        return lifecycle.track(transactions.fenceProducers(Arguments.names(transactionalIds, "transactionalIds")));
    }

    @Override
    public Mono<Void> close() {
        return lifecycle.closeAndDrain(options.closeTimeout())
            .then(Mono.fromRunnable(runtime::close));
    }

    @Override
    public void closeNow() {
        lifecycle.close();
        runtime.close();
    }

    @Override
    public String toString() {
        return "DefaultTributaryAdmin{bootstrapServers=" + options.client().bootstrapServers() + ", closed="
            + lifecycle.isClosed() + "}";
    }
}
