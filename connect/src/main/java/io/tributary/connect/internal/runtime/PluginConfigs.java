package io.tributary.connect.internal.runtime;

import io.tributary.connect.Connector;
import io.tributary.connect.config.ConfigDef;
import io.tributary.connect.internal.herder.ConnectRestException;
import io.tributary.connect.internal.isolation.PluginDesc;
import io.tributary.connect.internal.isolation.PluginNotFoundException;
import io.tributary.connect.internal.isolation.Plugins;
import io.tributary.connect.storage.Converter;
import io.tributary.connect.storage.HeaderConverter;
import io.tributary.connect.transforms.Transformation;
import io.tributary.connect.transforms.predicates.Predicate;

/** The configuration definition of an installed plugin, for {@code GET /connector-plugins/{plugin}/config}. */
final class PluginConfigs {
    private PluginConfigs() {
    }

    /** @throws ConnectRestException 404 if no plugin has that class name or alias */
    static ConfigDef definition(Plugins plugins, String plugin) {
        PluginDesc d;
        try {
            d = plugins.find(plugin);
        } catch (PluginNotFoundException e) {
            throw ConnectRestException.notFound("Unknown plugin " + plugin + ": " + e.getMessage());
        }
        return Plugins.withContextLoader(d.loader(), () -> {
            Object instance = Plugins.newInstance(d.pluginClass(), Object.class);
            if (instance instanceof Connector c) {
                return c.config();
            }
            if (instance instanceof Converter c) {
                return c.config();
            }
            if (instance instanceof HeaderConverter c) {
                return c.config();
            }
            if (instance instanceof Transformation<?> t) {
                return t.config();
            }
            if (instance instanceof Predicate<?> p) {
                return p.config();
            }
            return new ConfigDef();
        });
    }
}
