package io.tributary.admin;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One change of {@link TributaryAdmin#incrementalAlterConfigs}: set, delete (back to the default), or append to or
 * subtract from a list config such as {@code cleanup.policy}.
 *
 * @param name      the config name
 * @param value     the value to set, append or subtract (comma-separated for several list items); null to delete
 * @param operation what to do
 * @since 0.1
 */
public record AlterConfigOp(String name, @Nullable String value, Operation operation) {
    /** The operations, with their wire codes. */
    public enum Operation {
        SET((byte) 0),
        DELETE((byte) 1),
        APPEND((byte) 2),
        SUBTRACT((byte) 3);

        private final byte code;

        Operation(byte code) {
            this.code = code;
        }

        /** The operation's code in IncrementalAlterConfigs. */
        public byte code() {
            return code;
        }
    }

    /** @throws IllegalArgumentException if a value is missing for SET, APPEND or SUBTRACT */
    public AlterConfigOp {
        requireNonNull(name, "name");
        requireNonNull(operation, "operation");
        if (operation != Operation.DELETE && value == null) {
            throw new IllegalArgumentException(operation + " of " + name + " needs a value");
        }
    }

    /** Sets {@code name} to {@code value}. */
    public static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(name, requireNonNull(value, "value"), Operation.SET);
    }

    /** Removes the override of {@code name}, so that the default applies again. */
    public static AlterConfigOp delete(String name) {
        return new AlterConfigOp(name, null, Operation.DELETE);
    }

    /** Adds {@code value} to the list config {@code name} unless it is in the list already. */
    public static AlterConfigOp append(String name, String value) {
        return new AlterConfigOp(name, requireNonNull(value, "value"), Operation.APPEND);
    }

    /** Removes {@code value} from the list config {@code name}. */
    public static AlterConfigOp subtract(String name, String value) {
        return new AlterConfigOp(name, requireNonNull(value, "value"), Operation.SUBTRACT);
    }
}
