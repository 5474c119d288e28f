package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.BrokerContext;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.common.TopicPartition;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.DescribeLogDirsRequest;
import io.tributary.protocol.message.DescribeLogDirsResponse;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import reactor.core.publisher.Mono;

/** DescribeLogDirs: the log directory with each requested partition's size, and the disk's total and free bytes. */
public final class DescribeLogDirsHandler implements RequestHandler<DescribeLogDirsRequest, DescribeLogDirsResponse> {
    private final BrokerContext broker;

    public DescribeLogDirsHandler(BrokerContext broker) {
        this.broker = broker;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_LOG_DIRS;
    }

    @Override
    public VersionRange versions() {
        return Versions.DESCRIBE_LOG_DIRS;
    }

    @Override
    public Mono<DescribeLogDirsResponse> handle(RequestContext context, DescribeLogDirsRequest request) {
        return Mono.fromCallable(() -> answer(request)).subscribeOn(broker.io());
    }

    private DescribeLogDirsResponse answer(DescribeLogDirsRequest request) throws IOException {
        Map<String, List<DescribeLogDirsResponse.DescribeLogDirsPartition>> byTopic = new TreeMap<>();
        for (Map.Entry<TopicPartition, PartitionLog> e : broker.partitions().all().entrySet()) {
            TopicPartition tp = e.getKey();
            if (!wanted(request, tp)) {
                continue;
            }
            byTopic.computeIfAbsent(tp.topic(), k -> new ArrayList<>()).add(
                new DescribeLogDirsResponse.DescribeLogDirsPartition().partitionIndex(tp.partition())
                    .partitionSize(e.getValue().sizeInBytes()).offsetLag(0).isFutureKey(false));
        }
        List<DescribeLogDirsResponse.DescribeLogDirsTopic> topics = new ArrayList<>();
        byTopic.forEach((name, parts) -> topics.add(new DescribeLogDirsResponse.DescribeLogDirsTopic().name(name)
            .partitions(parts)));
        FileStore store = Files.getFileStore(broker.partitions().logDir());
        List<DescribeLogDirsResponse.DescribeLogDirsResult> results = new ArrayList<>();
        results.add(new DescribeLogDirsResponse.DescribeLogDirsResult()
            .errorCode(ErrorCode.NONE.code())
            .logDir(broker.partitions().logDir().toAbsolutePath().toString())
            .topics(topics)
            .totalBytes(store.getTotalSpace())
            .usableBytes(store.getUsableSpace()));
        return new DescribeLogDirsResponse().results(results);
    }

    private static boolean wanted(DescribeLogDirsRequest request, TopicPartition tp) {
        if (request.topics() == null) {
            return true;
        }
        for (DescribeLogDirsRequest.DescribableLogDirTopic t : request.topics()) {
            if (t.topic().equals(tp.topic()) && t.partitions().contains(tp.partition())) {
                return true;
            }
        }
        return false;
    }
}
