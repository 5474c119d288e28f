package io.tributary.connect.storage;

import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.config.ConfigException;
import io.tributary.connect.config.ParsedConfig;
import io.tributary.connect.config.Validator;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.errors.DataException;
import io.tributary.connect.errors.RetriableConnectException;
import io.tributary.serdes.registry.RegisteredSchema;
import io.tributary.serdes.registry.RegistrySerdeOptions;
import io.tributary.serdes.registry.SchemaRegistryClient;
import io.tributary.serdes.registry.SchemaRegistryException;
import io.tributary.serdes.registry.SubjectNameStrategy;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The schema-registry side of the Avro and Protobuf converters: their shared settings, the subject a schema goes
 * under, and blocking calls on serdes' non-blocking {@link SchemaRegistryClient}. Blocking is acceptable here because
 * the runtime calls converters from task threads, never from event loops; the client caches ids and schemas, so only
 * the first use of each schema waits for the network. Immutable and thread-safe.
 *
 * <p>Registry failures become exceptions the runtime understands: a refusal (4xx: incompatible schema, unknown
 * subject or id) is a {@link DataException} of the record; an unreachable or failing registry (timeouts, 5xx) is a
 * {@link RetriableConnectException}, so the runtime retries rather than skipping records.
 */
final class RegistryAccess {
    static final String URL_CONFIG = "schema.registry.url";
    static final String AUTO_REGISTER_CONFIG = "auto.register.schemas";
    static final String KEY_STRATEGY_CONFIG = "key.subject.name.strategy";
    static final String VALUE_STRATEGY_CONFIG = "value.subject.name.strategy";
    static final String TIMEOUT_CONFIG = "schema.registry.request.timeout.ms";

    private final SchemaRegistryClient client;
    private final RegistrySerdeOptions options;
    private final Duration timeout;
    private final String where;

    private RegistryAccess(SchemaRegistryClient client, RegistrySerdeOptions options, Duration timeout,
                           String where) {
        this.client = client;
        this.options = options;
        this.timeout = timeout;
        this.where = where;
    }

    /** Adds the registry settings to {@code def}; the URL is required unless a client is given in code. */
    static ConfigDef define(ConfigDef def, boolean urlRequired) {
        String strategyDoc = "How subjects are named: TopicNameStrategy (<topic>-key or <topic>-value, the default), "
            + "RecordNameStrategy (the record's full name) or TopicRecordNameStrategy (<topic>-<record full name>); "
            + "Confluent's class names and TOPIC, RECORD, TOPIC_RECORD are accepted.";
        return def
            .define(URL_CONFIG, ConfigDef.Type.STRING, urlRequired ? ConfigDef.NO_DEFAULT_VALUE : null,
                ConfigDef.Importance.HIGH, "The base URL of the schema registry, such as http://localhost:8081.")
            .define(AUTO_REGISTER_CONFIG, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                "Whether a schema is registered when first written (true) or must be registered already (false).")
            .define(KEY_STRATEGY_CONFIG, ConfigDef.Type.STRING, "TopicNameStrategy",
                (name, value) -> strategy(name, value), ConfigDef.Importance.MEDIUM, strategyDoc + " For keys.")
            .define(VALUE_STRATEGY_CONFIG, ConfigDef.Type.STRING, "TopicNameStrategy",
                (name, value) -> strategy(name, value), ConfigDef.Importance.MEDIUM, strategyDoc + " For values.")
            .define(TIMEOUT_CONFIG, ConfigDef.Type.INT, 10_000, Validator.atLeast(1), ConfigDef.Importance.LOW,
                "How long a registry request may take before the record fails with a retriable error.");
    }

    /** The access the parsed settings describe, through {@code given} if not null, else a client of the URL. */
    static RegistryAccess of(ParsedConfig config, boolean isKey, @Nullable SchemaRegistryClient given) {
        String strategyKey = isKey ? KEY_STRATEGY_CONFIG : VALUE_STRATEGY_CONFIG;
        SubjectNameStrategy strategy = strategy(strategyKey, config.getString(strategyKey));
        Duration timeout = Duration.ofMillis(config.getInt(TIMEOUT_CONFIG));
        String url = config.getString(URL_CONFIG);
        SchemaRegistryClient client = given;
        if (client == null) {
            if (url == null || url.isEmpty()) {
                throw new ConfigException("Missing required configuration \"" + URL_CONFIG
                    + "\" which has no default value.");
            }
            // a list of URLs is accepted for compatibility with Confluent's setting; the first is used
            client = SchemaRegistryClient.create(url.split(",")[0].trim(), timeout);
        }
        RegistrySerdeOptions options = (isKey ? RegistrySerdeOptions.forKeys() : RegistrySerdeOptions.forValues())
            .strategy(strategy)
            .autoRegister(config.getBoolean(AUTO_REGISTER_CONFIG));
        return new RegistryAccess(client, options, timeout, url == null ? "the schema registry" : url);
    }

    /**
     * The id of {@code schema} under the subject for {@code topic} and {@code recordName}, registering it if
     * auto-registration is on. Blocks on the first call per schema.
     */
    int id(String topic, String recordName, String type, String schema) {
        String subject = options.subject(topic, recordName);
        Mono<Integer> id = options.autoRegister() ? client.register(subject, type, schema)
            : client.lookup(subject, type, schema);
        return await(id, (options.autoRegister() ? "registering" : "looking up") + " the " + type + " schema of "
            + recordName + " under subject " + subject);
    }

    /** The registered schema with {@code id}, which must be of {@code type}. Blocks on the first call per id. */
    RegisteredSchema schema(int id, String type, String topic) {
        RegisteredSchema schema = await(client.byId(id), "fetching schema " + id + " for " + topic);
        if (!schema.type().equals(type)) {
            throw new DataException("Schema " + id + " of the data in " + topic + " is " + schema.type() + ", not "
                + type);
        }
        return schema;
    }

    private <T> T await(Mono<T> call, String what) {
        try {
            T answer = call.block(timeout.plusSeconds(1));
            if (answer == null) {
                throw new RetriableConnectException(what + ": no answer from " + where);
            }
            return answer;
        } catch (SchemaRegistryException e) {
            if (e.status() >= 500) {
                throw new RetriableConnectException(what + " failed: " + e.getMessage(), e);
            }
            throw new DataException(what + " failed: " + e.getMessage(), e);
        } catch (ConnectException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RetriableConnectException(what + " failed, " + where + " is unavailable: " + e, e);
        }
    }

    static SubjectNameStrategy strategy(String name, @Nullable Object value) {
        String text = String.valueOf(value);
        String simple = text.substring(text.lastIndexOf('.') + 1);
        return switch (simple.toUpperCase(Locale.ROOT)) {
            case "TOPICNAMESTRATEGY", "TOPIC" -> SubjectNameStrategy.TOPIC;
            case "RECORDNAMESTRATEGY", "RECORD" -> SubjectNameStrategy.RECORD;
            case "TOPICRECORDNAMESTRATEGY", "TOPIC_RECORD" -> SubjectNameStrategy.TOPIC_RECORD;
            default -> throw new ConfigException(name, value, "Unknown subject name strategy; expected "
                + "TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
        };
    }
}
