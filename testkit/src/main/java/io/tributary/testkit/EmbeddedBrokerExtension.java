package io.tributary.testkit;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.EmbeddedBroker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs one embedded Tributary broker for a test class: started before all tests, closed
 * (and its temporary data deleted) after them. Register it on a static field; test methods may take the
 * {@link EmbeddedBroker} or a {@link BootstrapServers @BootstrapServers String} as a parameter.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedBrokerExtension broker = EmbeddedBrokerExtension.create(b -> b.topic("orders", 3));
 *
 * @Test
 * void sends(@BootstrapServers String bootstrap) { ... }
 * }</pre>
 *
 * @since 0.1
 */
public final class EmbeddedBrokerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private final Spec spec;
    private EmbeddedBroker broker;

    private EmbeddedBrokerExtension(Spec spec) {
        this.spec = spec;
    }

    /** A broker with default settings and no topics. */
    public static EmbeddedBrokerExtension create() {
        return create(UnaryOperator.identity());
    }

    /** A broker configured by {@code customizer}: settings and topics to create before the tests. */
    public static EmbeddedBrokerExtension create(UnaryOperator<Spec> customizer) {
        requireNonNull(customizer, "customizer");
        return new EmbeddedBrokerExtension(customizer.apply(new Spec()));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = EmbeddedBroker.create(spec.config).start();
        for (Spec.TopicSpec t : spec.topics) {
            broker.createTopic(t.name(), t.partitions(), t.configs());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** The running broker. */
    public EmbeddedBroker broker() {
        if (broker == null) {
            throw new IllegalStateException("The broker runs only between beforeAll and afterAll");
        }
        return broker;
    }

    /** {@code host:port} for a client's {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedBroker.class
            || (type == String.class && parameter.isAnnotated(BootstrapServers.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == EmbeddedBroker.class ? broker() : bootstrapServers();
    }

    /** What the extension's broker looks like: its configuration and the topics it starts with. */
    public static final class Spec {
        private BrokerConfig config = BrokerConfig.defaults();
        private final List<TopicSpec> topics = new ArrayList<>();

        private Spec() {
        }

        /** Sets a broker property by its Kafka name. */
        public Spec config(String key, String value) {
            config = config.set(key, value);
            return this;
        }

        /** A topic to create before the tests run. */
        public Spec topic(String name, int partitions) {
            return topic(name, partitions, Map.of());
        }

        /** A topic with config overrides to create before the tests run. */
        public Spec topic(String name, int partitions, Map<String, String> configs) {
            topics.add(new TopicSpec(name, partitions, new LinkedHashMap<>(configs)));
            return this;
        }

        private record TopicSpec(String name, int partitions, Map<String, String> configs) {
        }
    }
}
