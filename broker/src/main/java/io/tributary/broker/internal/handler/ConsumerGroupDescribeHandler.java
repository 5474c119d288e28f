package io.tributary.broker.internal.handler;

import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.network.RequestContext;
import io.tributary.broker.internal.network.RequestHandler;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.VersionRange;
import io.tributary.protocol.message.ConsumerGroupDescribeRequest;
import io.tributary.protocol.message.ConsumerGroupDescribeResponse;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * ConsumerGroupDescribe v0-1 (KIP-848): epochs, assignor and members (with current and target assignments, and the
 * member type from v1) of consumer-protocol groups. A classic or unknown group gets GROUP_ID_NOT_FOUND, on which
 * Kafka's admin client falls back to DescribeGroups. Authorized operations are not reported. Thread-safe.
 */
public final class ConsumerGroupDescribeHandler
    implements RequestHandler<ConsumerGroupDescribeRequest, ConsumerGroupDescribeResponse> {
    private final GroupCoordinator groups;

    public ConsumerGroupDescribeHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.CONSUMER_GROUP_DESCRIBE;
    }

    @Override
    public VersionRange versions() {
        return Versions.CONSUMER_GROUP_DESCRIBE;
    }

    @Override
    public Mono<ConsumerGroupDescribeResponse> handle(RequestContext context, ConsumerGroupDescribeRequest request) {
        return Mono.fromSupplier(() -> {
            List<ConsumerGroupDescribeResponse.DescribedGroup> out = new ArrayList<>();
            for (String id : request.groupIds()) {
                out.add(describe(id));
            }
            return new ConsumerGroupDescribeResponse().groups(out);
        });
    }

    private ConsumerGroupDescribeResponse.DescribedGroup describe(String groupId) {
        ErrorCode error = groups.checkGroup(groupId);
        if (error != ErrorCode.NONE) {
            return new ConsumerGroupDescribeResponse.DescribedGroup().groupId(groupId).errorCode(error.code());
        }
        ConsumerGroupDescribeResponse.DescribedGroup g = groups.consumers().describe(groupId);
        if (g != null) {
            return g;
        }
        String message = groups.describe(groupId) != null ? "Group " + groupId + " is not a consumer group."
            : "Group " + groupId + " not found.";
        return new ConsumerGroupDescribeResponse.DescribedGroup().groupId(groupId)
            .errorCode(ErrorCode.GROUP_ID_NOT_FOUND.code()).errorMessage(message);
    }
}
