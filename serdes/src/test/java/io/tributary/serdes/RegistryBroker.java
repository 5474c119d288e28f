package io.tributary.serdes;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.EmbeddedBroker;
import io.tributary.serdes.registry.SchemaRegistryClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A JUnit extension running an embedded broker with its schema registry for one test class, and a client of it. */
public final class RegistryBroker implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedBroker broker;
    private SchemaRegistryClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = EmbeddedBroker.create(BrokerConfig.defaults().set("schema.registry.listeners", "http://127.0.0.1:0"))
            .start();
        client = SchemaRegistryClient.create(broker.schemaRegistryUrl());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        broker.close();
    }

    public SchemaRegistryClient client() {
        return client;
    }
}
