package io.tributary.admin.internal;

import io.tributary.admin.BrokerNode;
import io.tributary.admin.CreatedTopic;
import io.tributary.admin.NewTopic;
import io.tributary.admin.TopicDescription;
import io.tributary.admin.TopicListing;
import io.tributary.admin.TopicPartitionInfo;
import io.tributary.client.internal.ClusterView;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.CreatePartitionsRequest;
import io.tributary.protocol.message.CreatePartitionsResponse;
import io.tributary.protocol.message.CreateTopicsRequest;
import io.tributary.protocol.message.CreateTopicsResponse;
import io.tributary.protocol.message.DeleteTopicsRequest;
import io.tributary.protocol.message.DeleteTopicsResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Topic calls: create, delete, list, describe, add partitions. Creation, deletion and partition increases go to
 * the controller (a KRaft broker forwards them); listing and describing read metadata from any broker. Stateless
 * and thread-safe.
 */
final class TopicCalls {
    private static final UUID NO_ID = new UUID(0, 0);

    private final AdminContext context;

    TopicCalls(AdminContext context) {
        this.context = context;
    }

    Mono<Map<String, CreatedTopic>> createTopics(List<NewTopic> topics, boolean validateOnly) {
        Map<String, NewTopic> byName = Arguments.uniqueTopics(topics);
        return KeyedCall.run(context.runtime(), "CreateTopics of " + byName.keySet(),
            () -> new KeyedCall<>(byName.keySet(), KeyedCall.UNKNOWN_TOPIC_IS_FINAL, TopicCalls::topic),
            (call, pending) -> sendCreateTopics(call, pending, byName, validateOnly));
    }

    private Mono<Void> sendCreateTopics(KeyedCall<String, CreatedTopic> call, Set<String> pending,
                                        Map<String, NewTopic> byName, boolean validateOnly) {
        List<CreateTopicsRequest.CreatableTopic> wanted = new ArrayList<>();
        for (String name : pending) {
            NewTopic t = byName.get(name);
            List<CreateTopicsRequest.CreatableTopicConfig> configs = new ArrayList<>();
            t.configs().forEach((k, v) -> configs.add(new CreateTopicsRequest.CreatableTopicConfig().name(k).value(v)));
            wanted.add(new CreateTopicsRequest.CreatableTopic()
                .name(name)
                .numPartitions(t.partitions())
                .replicationFactor(t.replicationFactor())
                .configs(configs));
        }
        CreateTopicsRequest request = new CreateTopicsRequest()
            .topics(wanted)
            .timeoutMs(context.operationTimeoutMs())
            .validateOnly(validateOnly);
        return context.runtime().sendToController(request, CreateTopicsResponse.class)
            .doOnNext(response -> {
                for (CreateTopicsResponse.CreatableTopicResult r : response.topics()) {
                    NewTopic asked = byName.get(r.name());
                    if (asked == null) {
                        continue;
                    }
                    // Brokers before v5 do not echo the partition count and replication factor.
                    int partitions = r.numPartitions() >= 0 ? r.numPartitions() : asked.partitions();
                    short replication = r.replicationFactor() >= 0 ? r.replicationFactor() : asked.replicationFactor();
                    UUID id = r.topicId() == null ? NO_ID : r.topicId();
                    call.answer(r.name(), r.errorCode(), r.errorMessage(),
                        new CreatedTopic(r.name(), id, partitions, replication));
                }
            })
            .then();
    }

    Mono<Void> deleteTopics(List<String> names) {
        return KeyedCall.run(context.runtime(), "DeleteTopics of " + names,
                () -> new KeyedCall<String, Boolean>(names, KeyedCall.UNKNOWN_TOPIC_IS_FINAL, TopicCalls::topic),
                this::sendDeleteTopics)
            .then();
    }

    private Mono<Void> sendDeleteTopics(KeyedCall<String, Boolean> call, Set<String> pending) {
        List<DeleteTopicsRequest.DeleteTopicState> states = new ArrayList<>();
        for (String name : pending) {
            states.add(new DeleteTopicsRequest.DeleteTopicState().name(name).topicId(NO_ID));
        }
        // v6 names topics in Topics, earlier versions in TopicNames; the codec writes the one of the version used.
        DeleteTopicsRequest request = new DeleteTopicsRequest()
            .topics(states)
            .topicNames(new ArrayList<>(pending))
            .timeoutMs(context.operationTimeoutMs());
        return context.runtime().sendToController(request, DeleteTopicsResponse.class)
            .doOnNext(response -> {
                for (DeleteTopicsResponse.DeletableTopicResult r : response.responses()) {
                    if (r.name() != null) {
                        call.answer(r.name(), r.errorCode(), r.errorMessage(), Boolean.TRUE);
                    }
                }
            })
            .then();
    }

    Flux<TopicListing> listTopics(boolean includeInternal) {
        return context.runtime().refreshMetadata(null, false)
            .flatMapIterable(view -> view.topics().values())
            .filter(t -> t.error() == ErrorCode.NONE && (includeInternal || !t.internal()))
            .map(t -> new TopicListing(t.name(), t.id(), t.internal()))
            .sort(Comparator.comparing(TopicListing::name));
    }

    Mono<Map<String, TopicDescription>> describeTopics(List<String> names) {
        return KeyedCall.run(context.runtime(), "Describing topics " + names,
            () -> new KeyedCall<>(names, KeyedCall.UNKNOWN_TOPIC_IS_FINAL, TopicCalls::topic),
            (call, pending) -> context.runtime().refreshMetadata(pending, false)
                .doOnNext(view -> {
                    for (String name : pending) {
                        describe(call, view, name);
                    }
                }));
    }

    private static void describe(KeyedCall<String, TopicDescription> call, ClusterView view, String name) {
        ClusterView.TopicMetadata t = view.topic(name);
        if (t == null) {
            call.answer(name, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code(), null, null);
            return;
        }
        if (t.error() != ErrorCode.NONE) {
            call.answer(name, t.error().code(), null, null);
            return;
        }
        List<TopicPartitionInfo> partitions = new ArrayList<>();
        for (ClusterView.PartitionMetadata p : t.partitions()) {
            BrokerNode leader = p.leader() < 0 ? null : AdminContext.node(view, p.leader());
            partitions.add(new TopicPartitionInfo(p.partition(), leader, nodes(view, p.replicas()),
                nodes(view, p.isr())));
        }
        call.succeed(name, new TopicDescription(name, t.id(), t.internal(), partitions));
    }

    private static List<BrokerNode> nodes(ClusterView view, List<Integer> ids) {
        List<BrokerNode> out = new ArrayList<>(ids.size());
        for (int id : ids) {
            out.add(AdminContext.node(view, id));
        }
        return out;
    }

    Mono<Void> createPartitions(Map<String, Integer> counts) {
        return KeyedCall.run(context.runtime(), "CreatePartitions of " + counts.keySet(),
                () -> new KeyedCall<String, Boolean>(counts.keySet(), KeyedCall.UNKNOWN_TOPIC_IS_FINAL,
                    TopicCalls::topic),
                (call, pending) -> sendCreatePartitions(call, pending, counts))
            .then();
    }

    private Mono<Void> sendCreatePartitions(KeyedCall<String, Boolean> call, Set<String> pending,
                                            Map<String, Integer> counts) {
        List<CreatePartitionsRequest.CreatePartitionsTopic> topics = new ArrayList<>();
        for (String name : pending) {
            topics.add(new CreatePartitionsRequest.CreatePartitionsTopic().name(name).count(counts.get(name))
                .assignments(null));
        }
        CreatePartitionsRequest request = new CreatePartitionsRequest()
            .topics(topics)
            .timeoutMs(context.operationTimeoutMs())
            .validateOnly(false);
        return context.runtime().sendToController(request, CreatePartitionsResponse.class)
            .doOnNext(response -> {
                for (CreatePartitionsResponse.CreatePartitionsTopicResult r : response.results()) {
                    call.answer(r.name(), r.errorCode(), r.errorMessage(), Boolean.TRUE);
                }
            })
            .then();
    }

    static String topic(String name) {
        return "topic " + name;
    }
}
