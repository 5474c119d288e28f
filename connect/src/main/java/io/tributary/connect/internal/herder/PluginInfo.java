package io.tributary.connect.internal.herder;

/**
 * An installed plugin: an element of {@code GET /connector-plugins}.
 *
 * @param className its class
 * @param type      {@code source}, {@code sink}, {@code converter}, {@code transformation}, {@code predicate}
 */
public record PluginInfo(String className, String type, String version) {
}
