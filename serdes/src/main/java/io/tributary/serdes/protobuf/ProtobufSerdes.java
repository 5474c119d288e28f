package io.tributary.serdes.protobuf;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.tributary.serdes.Serde;
import io.tributary.serdes.SerializationException;
import io.tributary.serdes.registry.RegistrySerdeOptions;
import io.tributary.serdes.registry.SchemaRegistryClient;

/**
 * Protobuf serdes for generated messages (by their default instance) and dynamic messages (by descriptor): raw
 * message bytes, or the schema-registry wire format, where the message's {@code .proto} file is registered and its
 * id and message-index list travel with each record.
 *
 * <pre>{@code
 * Serde<Order> orders = ProtobufSerdes.registry(Order.getDefaultInstance(), registry,
 *     RegistrySerdeOptions.forValues());
 * }</pre>
 *
 * @since 0.1
 */
public final class ProtobufSerdes {
    private ProtobufSerdes() {
    }

    /** Generated messages as raw bytes. */
    @SuppressWarnings("unchecked")
    public static <T extends Message> Serde<T> raw(T defaultInstance) {
        requireNonNull(defaultInstance, "defaultInstance");
        Parser<T> parser = (Parser<T>) defaultInstance.getParserForType();
        return Serde.of((topic, m) -> m == null ? null : m.toByteArray(),
            (topic, data) -> {
                if (data == null) {
                    return null;
                }
                try {
                    return parser.parseFrom(data);
                } catch (InvalidProtocolBufferException e) {
                    throw new SerializationException("not a " + defaultInstance.getDescriptorForType().getFullName()
                        + " in " + topic + ": " + e.getMessage(), e);
                }
            });
    }

    /** Generated messages in the registry wire format. */
    @SuppressWarnings("unchecked")
    public static <T extends Message> Serde<T> registry(T defaultInstance, SchemaRegistryClient registry,
                                                         RegistrySerdeOptions options) {
        requireNonNull(defaultInstance, "defaultInstance");
        Parser<T> parser = (Parser<T>) defaultInstance.getParserForType();
        return Serde.of(new RegistryProtobufSerializer<>(requireNonNull(registry, "registry"),
                requireNonNull(options, "options")),
            new RegistryProtobufDeserializer<>(registry, parser::parseFrom));
    }

    /** Dynamic messages in the registry wire format, read as {@code readerType}. */
    public static Serde<DynamicMessage> dynamic(Descriptor readerType, SchemaRegistryClient registry,
                                                RegistrySerdeOptions options) {
        requireNonNull(readerType, "readerType");
        return Serde.of(new RegistryProtobufSerializer<>(requireNonNull(registry, "registry"),
                requireNonNull(options, "options")),
            new RegistryProtobufDeserializer<>(registry, bytes -> DynamicMessage.parseFrom(readerType,
                com.google.protobuf.ByteString.copyFrom(bytes))));
    }
}
