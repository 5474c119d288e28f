package io.tributary.consumer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.errors.RetriableException;
import io.tributary.errors.TributaryException;
import io.tributary.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

final class GroupReactionTest {
    @Test
    void mapsTheClassicProtocolsErrorsAsKafkasClientsDo() {
        assertThat(GroupReaction.of(ErrorCode.REBALANCE_IN_PROGRESS)).isEqualTo(GroupReaction.REJOIN);
        assertThat(GroupReaction.of(ErrorCode.ILLEGAL_GENERATION)).isEqualTo(GroupReaction.RESET_GENERATION);
        assertThat(GroupReaction.of(ErrorCode.UNKNOWN_MEMBER_ID)).isEqualTo(GroupReaction.RESET_MEMBER);
        assertThat(GroupReaction.of(ErrorCode.FENCED_INSTANCE_ID)).isEqualTo(GroupReaction.FATAL);
        assertThat(GroupReaction.of(ErrorCode.NOT_COORDINATOR)).isEqualTo(GroupReaction.RETRY_LATER);
        assertThat(GroupReaction.of(ErrorCode.COORDINATOR_NOT_AVAILABLE)).isEqualTo(GroupReaction.RETRY_LATER);
        assertThat(GroupReaction.of(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS)).isEqualTo(GroupReaction.RETRY_LATER);
        assertThat(GroupReaction.of(ErrorCode.GROUP_AUTHORIZATION_FAILED)).isEqualTo(GroupReaction.FATAL);
        assertThat(GroupReaction.of(ErrorCode.INCONSISTENT_GROUP_PROTOCOL)).isEqualTo(GroupReaction.FATAL);
    }

    @Test
    void retriesFailuresThatAreNotWireErrorsLater() {
        assertThat(GroupReaction.of(new RetriableException(ErrorCode.NETWORK_EXCEPTION, "cut")))
            .isEqualTo(GroupReaction.RETRY_LATER);
        assertThat(GroupReaction.of(new TributaryException("FindCoordinator timed out")))
            .isEqualTo(GroupReaction.RETRY_LATER);
    }

    @Test
    void commitErrorsMatterToTheMembershipOnlyWhenTheyAreAboutIt() {
        assertThat(GroupReaction.ofCommitError(ErrorCode.ILLEGAL_GENERATION)).isEqualTo(GroupReaction.RESET_GENERATION);
        assertThat(GroupReaction.ofCommitError(ErrorCode.OFFSET_METADATA_TOO_LARGE)).isNull();
        assertThat(GroupReaction.ofCommitError(ErrorCode.TOPIC_AUTHORIZATION_FAILED)).isNull();
    }

    @Test
    void onlyGenerationAndMembershipLossesLoseThePartitions() {
        assertThat(GroupReaction.REJOIN.losesPartitions()).isFalse();
        assertThat(GroupReaction.RETRY_LATER.losesPartitions()).isFalse();
        assertThat(GroupReaction.RESET_GENERATION.losesPartitions()).isTrue();
        assertThat(GroupReaction.RESET_MEMBER.losesPartitions()).isTrue();
        assertThat(GroupReaction.FATAL.losesPartitions()).isTrue();
    }
}
