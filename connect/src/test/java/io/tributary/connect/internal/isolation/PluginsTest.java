package io.tributary.connect.internal.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.TopicPartition;
import io.tributary.connect.Connector;
import io.tributary.connect.file.FileStreamSinkConnector;
import io.tributary.connect.file.FileStreamSourceConnector;
import io.tributary.connect.internal.herder.PluginInfo;
import io.tributary.errors.TributaryException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

final class PluginsTest {
    @TempDir
    Path dir;

    @Test
    void findsConnectorsByClassNameAliasAndKafkaName() {
        Plugins plugins = Plugins.scan(List.of());
        assertThat(plugins.connectorClass("FileStreamSource")).isEqualTo(FileStreamSourceConnector.class);
        assertThat(plugins.connectorClass("FileStreamSourceConnector")).isEqualTo(FileStreamSourceConnector.class);
        assertThat(plugins.connectorClass("org.apache.kafka.connect.file.FileStreamSinkConnector"))
            .isEqualTo(FileStreamSinkConnector.class);
        assertThat(plugins.pluginInfos(true)).extracting(PluginInfo::className)
            .contains(FileStreamSourceConnector.class.getName(), FileStreamSinkConnector.class.getName());
        assertThat(plugins.pluginInfos(true)).filteredOn(p -> p.className().endsWith("FileStreamSinkConnector"))
            .singleElement().extracting(PluginInfo::type).isEqualTo("sink");
    }

    @Test
    void listsBuiltInConvertersTransformsAndPredicates() {
        List<PluginInfo> all = Plugins.scan(List.of()).pluginInfos(false);
        assertThat(all).extracting(PluginInfo::type).contains("source", "sink", "converter", "transformation",
            "predicate");
        assertThat(all).extracting(PluginInfo::className).contains("io.tributary.connect.storage.JsonConverter",
            "io.tributary.connect.transforms.predicates.TopicNameMatches")
            .doesNotContain("io.tributary.connect.storage.Converter");
    }

    @Test
    void findsBuiltInConvertersByTheirKafkaNames() {
        Plugins plugins = Plugins.scan(List.of());
        assertThat(plugins.newConverter("org.apache.kafka.connect.storage.StringConverter").getClass().getName())
            .isEqualTo("io.tributary.connect.storage.StringConverter");
        assertThat(plugins.newConverter("StringConverter").getClass().getSimpleName()).isEqualTo("StringConverter");
    }

    @Test
    void namesAnUnknownClassInItsError() {
        Plugins plugins = Plugins.scan(List.of());
        assertThatThrownBy(() -> plugins.newConnector("com.example.NoSuchConnector"))
            .isInstanceOf(PluginNotFoundException.class)
            .hasMessageContaining("com.example.NoSuchConnector")
            .hasMessageContaining(FileStreamSourceConnector.class.getName());
    }

    @Test
    void loadsAPluginFromPluginPathThroughItsOwnLoaderChildFirst() throws Exception {
        Path classes = compile("""
            package com.acme.connect;
            public class Shadow {
                public static String origin() { return "plugin"; }
            }
            """, """
            package com.acme.connect;
            import io.tributary.connect.config.ConfigDef;
            import io.tributary.connect.source.SourceConnector;
            import io.tributary.connect.source.SourceTask;
            import java.util.List;
            import java.util.Map;
            public class AcmeSourceConnector extends SourceConnector {
                public String version() { return "acme-" + Shadow.origin(); }
                public void start(Map<String, String> props) { }
                public Class<? extends SourceTask> taskClass() { return null; }
                public List<Map<String, String>> taskConfigs(int maxTasks) { return List.of(); }
                public void stop() { }
                public ConfigDef config() { return new ConfigDef(); }
            }
            """);
        Path pluginDir = Files.createDirectories(dir.resolve("plugins/acme"));
        jar(classes, pluginDir.resolve("acme.jar"), "com.acme.connect.AcmeSourceConnector");

        Plugins plugins = Plugins.scan(List.of(dir.resolve("plugins")));
        PluginDesc acme = plugins.find("AcmeSource");
        assertThat(acme.version()).isEqualTo("acme-plugin");
        assertThat(acme.loader()).isInstanceOf(PluginClassLoader.class);
        Connector connector = plugins.newConnector("com.acme.connect.AcmeSourceConnector");
        assertThat(connector.getClass().getClassLoader()).isSameAs(acme.loader());
        assertThat(Connector.class.getClassLoader()).isSameAs(PluginsTest.class.getClassLoader());   // shared API

        // Child-first: a class the worker's loader also has comes from the plugin's own jar.
        Path appClasses = compile("""
            package com.acme.connect;
            public class Shadow {
                public static String origin() { return "application"; }
            }
            """);
        try (URLClassLoader app = new URLClassLoader(new URL[] {appClasses.toUri().toURL()},
            PluginsTest.class.getClassLoader())) {
            assertThat(app.loadClass("com.acme.connect.Shadow").getMethod("origin").invoke(null))
                .isEqualTo("application");
            PluginClassLoader child = PluginScanner.pluginLoaders(dir.resolve("plugins"), app).get(0);
            Class<?> shadow = child.loadClass("com.acme.connect.Shadow");
            assertThat(shadow.getClassLoader()).isSameAs(child);
            assertThat(shadow.getMethod("origin").invoke(null)).isEqualTo("plugin");
            assertThat(child.loadClass(Connector.class.getName())).isSameAs(Connector.class);
            assertThat(child.loadClass(Flux.class.getName())).isSameAs(Flux.class);
            child.close();
        }
    }

    /** Compiles sources against the Connect API into a new directory. */
    private Path compile(String... sources) throws IOException, URISyntaxException {
        Path src = Files.createTempDirectory(dir, "src");
        Path out = Files.createTempDirectory(dir, "classes");
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-proc:none", "-classpath",
            classpath(Connector.class, TopicPartition.class, TributaryException.class, Flux.class, Publisher.class,
                NullMarked.class)));
        for (String source : sources) {
            String name = source.substring(source.indexOf("public class ") + 13).split("\\s")[0];
            Path file = src.resolve(name + ".java");
            Files.writeString(file, source, StandardCharsets.UTF_8);
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).isZero();
        return out;
    }

    private static String classpath(Class<?>... types) throws URISyntaxException {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : types) {
            entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** Jars the classes with a service file listing {@code connector}. */
    private static void jar(Path classes, Path jar, String connector) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(classes)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + Connector.class.getName()));
            out.write((connector + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
