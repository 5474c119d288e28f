package io.tributary.serdes.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import io.tributary.common.Header;
import io.tributary.serdes.SerializationException;
import io.tributary.serdes.Serializer;
import io.tributary.serdes.registry.RegistrySerdeOptions;
import io.tributary.serdes.registry.SchemaRegistryClient;
import io.tributary.serdes.registry.WireFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Writes Protobuf messages in the registry wire format: the message's {@code .proto} file is registered (or looked
 * up) under the subject the options name (the record name is the message's full name), and the id and the
 * message-index list prefix the message bytes. Files that import others need schema references, which are not
 * supported yet. {@link #serialize(String, Object)} works only for schemas {@link #serializeAsync} resolved.
 * Thread-safe.
 */
final class RegistryProtobufSerializer<T extends Message> implements Serializer<T> {
    private record Resolved(String subject, Descriptor type) {
    }

    private final SchemaRegistryClient registry;
    private final RegistrySerdeOptions options;
    private final Map<Resolved, Integer> ids = new ConcurrentHashMap<>();

    RegistryProtobufSerializer(SchemaRegistryClient registry, RegistrySerdeOptions options) {
        this.registry = registry;
        this.options = options;
    }

    @Override
    public byte @Nullable [] serialize(String topic, @Nullable T data) {
        if (data == null) {
            return null;
        }
        Descriptor type = data.getDescriptorForType();
        Integer id = ids.get(new Resolved(options.subject(topic, type.getFullName()), type));
        if (id == null) {
            throw new SerializationException("the schema of " + type.getFullName() + " for " + topic + " is not "
                + "resolved yet: serialize it with serializeAsync first");
        }
        return frame(id, data);
    }

    @Override
    public Mono<byte[]> serializeAsync(String topic, List<Header> headers, @Nullable T data) {
        if (data == null) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            Descriptor type = data.getDescriptorForType();
            if (!type.getFile().getDependencies().isEmpty()) {
                return Mono.error(new SerializationException(type.getFile().getName() + " imports other files; "
                    + "schema references are not supported yet"));
            }
            Resolved key = new Resolved(options.subject(topic, type.getFullName()), type);
            Integer known = ids.get(key);
            String schema = ProtoSchemaPrinter.print(type.getFile());
            Mono<Integer> id = known != null ? Mono.just(known)
                : (options.autoRegister() ? registry.register(key.subject(), "PROTOBUF", schema)
                    : registry.lookup(key.subject(), "PROTOBUF", schema))
                    .doOnNext(resolved -> ids.put(key, resolved));
            return id.map(resolved -> frame(resolved, data));
        });
    }

    private static byte[] frame(int id, Message data) {
        byte[] indexes = MessageIndexes.write(MessageIndexes.of(data.getDescriptorForType()));
        byte[] body = data.toByteArray();
        byte[] payload = new byte[indexes.length + body.length];
        System.arraycopy(indexes, 0, payload, 0, indexes.length);
        System.arraycopy(body, 0, payload, indexes.length, body.length);
        return WireFormat.frame(id, payload);
    }
}
