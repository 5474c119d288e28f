package io.tributary.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.errors.ApiException;
import io.tributary.errors.RetriableException;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

final class ErrorCodeTest {

    @Test
    void everyKafkaErrorHasTheSameCodeNameAndRetriableFlag() {
        for (Errors kafka : Errors.values()) {
            ErrorCode ours = ErrorCode.forCode(kafka.code());
            assertThat(ours.name()).as("code %d", kafka.code()).isEqualTo(kafka.name());
            boolean kafkaRetriable = kafka.exception() instanceof org.apache.kafka.common.errors.RetriableException;
            assertThat(ours.retriable()).as("%s retriable", kafka).isEqualTo(kafkaRetriable);
        }
        assertThat(ErrorCode.values()).hasSameSizeAs(Errors.values());
    }

    @Test
    void unknownCodesMapToUnknownServerError() {
        assertThat(ErrorCode.forCode((short) 9999)).isEqualTo(ErrorCode.UNKNOWN_SERVER_ERROR);
        assertThat(ErrorCode.forCode((short) -42)).isEqualTo(ErrorCode.UNKNOWN_SERVER_ERROR);
    }

    @Test
    void exceptionsCarryTheCodeAndAreRetriableOnlyWhenTheCodeIs() {
        ApiException retriable = ErrorCode.NOT_LEADER_OR_FOLLOWER.exception();
        assertThat(retriable).isInstanceOf(RetriableException.class);
        assertThat(retriable.error()).isEqualTo(ErrorCode.NOT_LEADER_OR_FOLLOWER);
        ApiException fatal = ErrorCode.TOPIC_AUTHORIZATION_FAILED.exception("no access to orders");
        assertThat(fatal).isNotInstanceOf(RetriableException.class).hasMessage("no access to orders");
    }
}
