package io.tributary.connect.internal.errors;

import io.tributary.connect.internal.herder.ConnectorTaskId;

/**
 * One failed operation of a task on one record: where it failed, in which class, why, and the record.
 *
 * @param executingClass the name of the converter, transform or task class that threw
 */
public record ProcessingFailure(ConnectorTaskId task, Stage stage, String executingClass, Throwable error,
                                ErrantRecord record) {
}
