package io.tributary.broker.internal.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The registry's state and rules: subjects with numbered versions, schemas with global ids (one id per distinct
 * schema of a type, shared by every subject that registers it), and compatibility levels. Reads are answered from
 * memory; every change is written to the {@link RegistryStore} before it takes effect, one change at a time.
 *
 * <p>Thread-safe. Reads never block; changes block on the store, so call them on an IO thread.
 */
public final class SchemaRegistry {
    /** A schema as stored under an id. */
    record StoredSchema(int id, ParsedSchema parsed) {
    }

    /** A version of a subject. */
    record Version(String subject, int version, int id, boolean deleted) {
    }

    private final RegistryStore store;
    private final Object writes = new Object();
    private final Map<String, NavigableMap<Integer, Version>> subjects = new HashMap<>();
    private final Map<Integer, StoredSchema> schemas = new HashMap<>();
    private final Map<String, Integer> idsByContent = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int maxId;

    /** A registry holding what {@code store} has recorded. Blocking: replays the store. */
    public SchemaRegistry(RegistryStore store) {
        this.store = store;
        store.load(this::apply);
    }

    // ---- reads ----

    synchronized List<String> subjects(boolean includeDeleted) {
        return subjects.entrySet().stream()
            .filter(e -> includeDeleted || e.getValue().values().stream().anyMatch(v -> !v.deleted()))
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    }

    synchronized List<Integer> versions(String subject, boolean includeDeleted) {
        List<Integer> out = live(subject, includeDeleted).stream().map(Version::version).toList();
        if (out.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return out;
    }

    /** A version by number, or the latest for {@code "latest"} / -1. */
    synchronized Version version(String subject, String version, boolean includeDeleted) {
        List<Version> versions = live(subject, includeDeleted);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        int number = parseVersion(version);
        if (number == -1) {
            return versions.get(versions.size() - 1);
        }
        return versions.stream()
            .filter(v -> v.version() == number)
            .findFirst()
            .orElseThrow(() -> RegistryException.versionNotFound(subject, number));
    }

    synchronized StoredSchema schema(int id) {
        StoredSchema s = schemas.get(id);
        if (s == null) {
            throw RegistryException.schemaNotFound("schema " + id + " not found");
        }
        return s;
    }

    /** The subject versions that use schema {@code id}. */
    synchronized List<Version> usages(int id, boolean includeDeleted) {
        schema(id);
        List<Version> out = new ArrayList<>();
        new TreeMap<>(subjects).forEach((subject, versions) -> versions.values().stream()
            .filter(v -> v.id() == id && (includeDeleted || !v.deleted()))
            .forEach(out::add));
        return out;
    }

    /** The version of {@code subject} that holds this schema, if any. */
    synchronized Version lookup(String subject, SchemaType type, String schema, boolean includeDeleted) {
        if (live(subject, includeDeleted).isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        ParsedSchema parsed = Schemas.parse(type, schema);
        Integer id = idsByContent.get(key(parsed));
        return live(subject, includeDeleted).stream()
            .filter(v -> id != null && v.id() == id)
            .reduce((a, b) -> b)
            .orElseThrow(() -> RegistryException.schemaNotFound("the schema is not registered under " + subject));
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    /**
     * Why {@code schema} breaks the subject's level: against {@code version} only, or, when it is null, against the
     * versions the level names.
     */
    synchronized List<String> compatibility(String subject, SchemaType type, String schema,
                                            @Nullable String version) {
        ParsedSchema candidate = Schemas.parse(type, schema);
        CompatibilityLevel level = subjectLevels.getOrDefault(subject, globalLevel);
        if (version == null) {
            return level.violations(candidate, earlier(subject));
        }
        Version against = version(subject, version, false);
        List<ParsedSchema> one = List.of(schemas.get(against.id()).parsed());
        return level == CompatibilityLevel.NONE ? List.of()
            : level.violations(candidate, one);
    }

    // ---- changes (blocking) ----

    /**
     * Registers a schema under a subject: the existing id when the subject already has it, else a new version after
     * the compatibility check.
     *
     * @return the schema's id
     * @throws RegistryException 42201 for an invalid schema, 409 when it breaks the subject's compatibility level
     */
    int register(String subject, SchemaType type, String schema) {
        ParsedSchema parsed = Schemas.parse(type, schema);
        return change(() -> {
            Integer known = idsByContent.get(key(parsed));
            if (known != null) {
                Optional<Version> existing = live(subject, false).stream().filter(v -> v.id() == known).findFirst();
                if (existing.isPresent()) {
                    return new Change<>(List.of(), known);
                }
            }
            List<String> violations = subjectLevels.getOrDefault(subject, globalLevel)
                .violations(parsed, earlier(subject));
            if (!violations.isEmpty()) {
                throw RegistryException.incompatible(String.join("; ", violations));
            }
            int id = known != null ? known : maxId + 1;
            NavigableMap<Integer, Version> versions = subjects.get(subject);
            int version = versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
            return new Change<>(List.of(new RegistryRecord.Schema(subject, version, id, type, parsed.canonical(),
                false)), id);
        });
    }

    /**
     * Deletes every version of a subject: softly (the versions stay readable by id and with {@code deleted=true}),
     * or, with {@code permanent}, for good after a soft delete.
     *
     * @return the versions deleted
     */
    List<Integer> deleteSubject(String subject, boolean permanent) {
        return change(() -> {
            NavigableMap<Integer, Version> versions = subjects.get(subject);
            if (versions == null || versions.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            boolean allSoftDeleted = versions.values().stream().allMatch(Version::deleted);
            List<RegistryRecord> records = new ArrayList<>();
            List<Integer> deleted = new ArrayList<>();
            for (Version v : versions.values()) {
                if (permanent) {
                    if (!allSoftDeleted) {
                        throw RegistryException.subjectNotSoftDeleted(subject);
                    }
                    records.add(new RegistryRecord.SchemaRemoved(subject, v.version()));
                    deleted.add(v.version());
                } else if (!v.deleted()) {
                    records.add(softDeleted(v));
                    deleted.add(v.version());
                }
            }
            if (!permanent && allSoftDeleted) {
                throw RegistryException.subjectSoftDeleted(subject);
            }
            if (!permanent && subjectLevels.containsKey(subject)) {
                records.add(new RegistryRecord.Config(subject, null));
            }
            return new Change<>(records, deleted);
        });
    }

    /** Deletes one version, softly or (after a soft delete) permanently. */
    int deleteVersion(String subject, String version, boolean permanent) {
        return change(() -> {
            // a numbered version is found even when soft-deleted, so that a second soft delete is told so
            boolean latest = version.equals("latest") || version.equals("-1");
            Version v = version(subject, version, permanent || !latest);
            if (permanent && !v.deleted()) {
                throw RegistryException.versionNotSoftDeleted(subject, v.version());
            }
            if (!permanent && v.deleted()) {
                throw RegistryException.versionSoftDeleted(subject, v.version());
            }
            RegistryRecord record = permanent ? new RegistryRecord.SchemaRemoved(subject, v.version()) : softDeleted(v);
            return new Change<>(List.of(record), v.version());
        });
    }

    /** Sets the global level ({@code subject} null) or a subject's. */
    CompatibilityLevel setLevel(@Nullable String subject, CompatibilityLevel level) {
        return change(() -> new Change<>(List.of(new RegistryRecord.Config(subject, level)), level));
    }

    /**
     * Removes a subject's level, so that the global one applies again.
     *
     * @return the level it had
     */
    CompatibilityLevel deleteLevel(String subject) {
        return change(() -> {
            CompatibilityLevel was = subjectLevels.get(subject);
            if (was == null) {
                throw RegistryException.subjectConfigNotFound(subject);
            }
            return new Change<>(List.of(new RegistryRecord.Config(subject, null)), was);
        });
    }

    // ---- internals ----

    /** The records a change writes and what it answers. */
    private record Change<T>(List<RegistryRecord> records, T result) {
    }

    /** Decides a change under the state's lock, stores it (no lock held on state for reads), then applies it. */
    private <T> T change(Supplier<Change<T>> decide) {
        synchronized (writes) {
            Change<T> change;
            synchronized (this) {
                change = decide.get();
            }
            if (!change.records().isEmpty()) {
                try {
                    store.append(change.records());
                } catch (RegistryException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw RegistryException.storeError(e.getMessage() == null ? e.toString() : e.getMessage(), e);
                }
                synchronized (this) {
                    change.records().forEach(this::apply);
                }
            }
            return change.result();
        }
    }

    private synchronized void apply(RegistryRecord record) {
        if (record instanceof RegistryRecord.Schema s) {
            ParsedSchema parsed = schemas.containsKey(s.id()) ? schemas.get(s.id()).parsed()
                : Schemas.parse(s.type(), s.schema());
            schemas.putIfAbsent(s.id(), new StoredSchema(s.id(), parsed));
            idsByContent.putIfAbsent(key(parsed), s.id());
            maxId = Math.max(maxId, s.id());
            subjects.computeIfAbsent(s.subject(), k -> new TreeMap<>())
                .put(s.version(), new Version(s.subject(), s.version(), s.id(), s.deleted()));
        } else if (record instanceof RegistryRecord.SchemaRemoved r) {
            NavigableMap<Integer, Version> versions = subjects.get(r.subject());
            if (versions != null) {
                versions.remove(r.version());
                if (versions.isEmpty()) {
                    subjects.remove(r.subject());
                }
            }
        } else if (record instanceof RegistryRecord.Config c) {
            if (c.subject() == null) {
                globalLevel = c.level() == null ? CompatibilityLevel.BACKWARD : c.level();
            } else if (c.level() == null) {
                subjectLevels.remove(c.subject());
            } else {
                subjectLevels.put(c.subject(), c.level());
            }
        }
    }

    private RegistryRecord.Schema softDeleted(Version v) {
        StoredSchema s = schemas.get(v.id());
        return new RegistryRecord.Schema(v.subject(), v.version(), v.id(), s.parsed().type(), s.parsed().canonical(),
            true);
    }

    private List<Version> live(String subject, boolean includeDeleted) {
        NavigableMap<Integer, Version> versions = subjects.get(subject);
        if (versions == null) {
            return List.of();
        }
        return versions.values().stream().filter(v -> includeDeleted || !v.deleted()).toList();
    }

    /** The subject's schemas that compatibility is checked against, oldest first. */
    private List<ParsedSchema> earlier(String subject) {
        return live(subject, false).stream().map(v -> schemas.get(v.id()).parsed()).toList();
    }

    private static String key(ParsedSchema parsed) {
        return parsed.type() + "\u0000" + parsed.canonical();
    }

    private static int parseVersion(String version) {
        if (version.equals("latest")) {
            return -1;
        }
        try {
            int n = Integer.parseInt(version);
            if (n == -1 || n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the registry's error
        }
        throw RegistryException.invalidVersion(version);
    }

    /** Subjects known to the registry, with their latest versions: for tests and start-up logging. */
    synchronized int size() {
        return subjects.size();
    }
}
