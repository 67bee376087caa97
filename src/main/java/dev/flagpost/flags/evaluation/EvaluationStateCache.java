package dev.flagpost.flags.evaluation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each namespace's snapshot, loaded on first use and kept until the namespace changes: a write on
 * this node drops it at once; writes on other nodes are seen by {@link #poll()}, which compares
 * the {@code namespace_versions} table (one small query per interval, never per request).
 */
public final class EvaluationStateCache {
    private final SnapshotLoader loader;
    private final Map<String, NamespaceSnapshot> snapshots = new ConcurrentHashMap<>();
    /** Bumped by every invalidation, so that a load racing with a write never caches the old state. */
    private final AtomicLong epoch = new AtomicLong();

    public EvaluationStateCache(SnapshotLoader loader) {
        this.loader = loader;
    }

    public NamespaceSnapshot get(String namespaceKey) {
        NamespaceSnapshot cached = snapshots.get(namespaceKey);
        if (cached != null) {
            return cached;
        }
        long before = epoch.get();
        NamespaceSnapshot loaded = loader.load(namespaceKey);
        if (epoch.get() == before) {
            snapshots.put(namespaceKey, loaded);
            if (epoch.get() != before) {
                snapshots.remove(namespaceKey);
            }
        }
        return loaded;
    }

    public boolean isLoaded(String namespaceKey) {
        return snapshots.containsKey(namespaceKey);
    }

    public void invalidate(String namespaceKey) {
        epoch.incrementAndGet();
        snapshots.remove(namespaceKey);
    }

    /** Drops every snapshot whose namespace has moved on (or disappeared) since it was read. */
    public void poll() {
        Map<String, Long> versions = loader.versions();
        for (NamespaceSnapshot s : snapshots.values()) {
            long current = versions.getOrDefault(s.namespaceKey(), -1L);
            if (current != s.version()) {
                invalidate(s.namespaceKey());
            }
        }
    }
}
