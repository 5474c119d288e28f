package io.tributary.streams.internal.dsl;

import static java.util.Objects.requireNonNull;

import io.tributary.streams.Branched;
import io.tributary.streams.BranchedKStream;
import io.tributary.streams.KStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * Collects the branches of a split; the branch processor node is added when the split ends, with one pass-through
 * child per branch named {@code prefix + branch name}.
 */
final class BranchedKStreamImpl<K, V> implements BranchedKStream<K, V> {
    private final DslBuilder builder;
    private final KStreamImpl<K, V> parent;
    private final String prefix;
    private final List<BiPredicate<? super K, ? super V>> predicates = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private boolean ended;

    BranchedKStreamImpl(DslBuilder builder, KStreamImpl<K, V> parent, String prefix) {
        this.builder = builder;
        this.parent = parent;
        this.prefix = prefix;
    }

    @Override
    public BranchedKStream<K, V> branch(BiPredicate<? super K, ? super V> predicate) {
        return branch(predicate, Branched.positional());
    }

    @Override
    public BranchedKStream<K, V> branch(BiPredicate<? super K, ? super V> predicate, Branched<K, V> branched) {
        requireNonNull(predicate, "predicate");
        requireNonNull(branched, "branched");
        checkOpen();
        predicates.add(predicate);
        names.add(branchName(branched, Integer.toString(predicates.size())));
        return this;
    }

    @Override
    public Map<String, KStream<K, V>> defaultBranch() {
        return defaultBranch(Branched.positional());
    }

    @Override
    public Map<String, KStream<K, V>> defaultBranch(Branched<K, V> branched) {
        requireNonNull(branched, "branched");
        return end(branchName(branched, "0"));
    }

    @Override
    public Map<String, KStream<K, V>> noDefaultBranch() {
        return end(null);
    }

    private String branchName(Branched<K, V> branched, String position) {
        String name = prefix + (branched.name() != null ? branched.name() : position);
        if (names.contains(name)) {
            throw new IllegalArgumentException("Branch name " + name + " is used twice");
        }
        return name;
    }

    private Map<String, KStream<K, V>> end(@Nullable String defaultName) {
        checkOpen();
        ended = true;
        List<String> children = List.copyOf(names);
        String splitter = builder.addProcessor(prefix.endsWith("-") ? prefix + "split" : prefix + "-split",
            () -> new StatelessProcessors.Branch<>(predicates, children, defaultName), parent.node());
        List<String> all = new ArrayList<>(children);
        if (defaultName != null) {
            all.add(defaultName);
        }
        Map<String, KStream<K, V>> out = new LinkedHashMap<>();
        for (String name : all) {
            builder.addProcessor(name, StatelessProcessors.PassThrough::new, splitter);
            out.put(name, parent.child(name));
        }
        return out;
    }

    private void checkOpen() {
        if (ended) {
            throw new IllegalStateException("This split already ended with defaultBranch or noDefaultBranch");
        }
    }
}
