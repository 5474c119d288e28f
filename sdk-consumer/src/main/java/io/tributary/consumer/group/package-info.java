/**
 * Membership of a Kafka group under a protocol of the application's own (the classic group protocol's JoinGroup,
 * SyncGroup, Heartbeat and LeaveGroup with a custom protocol type), as Kafka Connect's workers use it to share
 * connectors and tasks: {@link io.tributary.consumer.group.GroupMembership} runs the membership, a
 * {@link io.tributary.consumer.group.GroupProtocol} says what members announce and how the leader assigns.
 */
@NullMarked
package io.tributary.consumer.group;

import org.jspecify.annotations.NullMarked;
