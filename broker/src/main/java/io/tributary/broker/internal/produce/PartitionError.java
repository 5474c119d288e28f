package io.tributary.broker.internal.produce;

import io.tributary.errors.TributaryException;
import io.tributary.protocol.ErrorCode;
import java.util.List;

/**
 * A produce to one partition was refused: the error code and message go into that partition's response, and
 * record-level problems into {@code RecordErrors} (v8+). Other partitions of the request are unaffected.
 */
public final class PartitionError extends TributaryException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode error;
    private final List<RecordError> recordErrors;

    /**
     * One refused record.
     *
     * @param index   the record's index in its batch
     * @param message why it was refused
     */
    public record RecordError(int index, String message) {
    }

    public PartitionError(ErrorCode error, String message) {
        this(error, message, List.of());
    }

    public PartitionError(ErrorCode error, String message, List<RecordError> recordErrors) {
        super(message);
        this.error = error;
        this.recordErrors = List.copyOf(recordErrors);
    }

    public ErrorCode error() {
        return error;
    }

    public List<RecordError> recordErrors() {
        return recordErrors;
    }
}
