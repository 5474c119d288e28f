package io.tributary.cli.internal;

import io.tributary.producer.Acks;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code --acks} in Kafka's spellings ({@code 0}, {@code 1}, {@code all}, {@code -1}); others: exit code 2. */
public final class AcksConverter implements ITypeConverter<Acks> {
    @Override
    public Acks convert(String value) {
        try {
            return Acks.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not 0, 1 or all");
        }
    }
}
