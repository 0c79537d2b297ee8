package org.llmgate.config.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.llmgate.platform.Settings;

/**
 * The in-memory configuration the hot path reads. Chats and token checks never wait on the
 * database: they get the last good snapshot, and a stale one only asks for a reload on the
 * cache's own thread (SPEC §10 "Faults": an admin change right before an outage used to make every
 * chat queue on the dead database). A failed reload keeps the old snapshot and is tried again.
 *
 * <p>An admin write on this instance waits, bounded, after its commit for the reload, so a chat
 * that follows a saved change sees it; other instances notice the shared version within
 * {@code llmgate.config.refresh-seconds} (see {@link ConfigVersionWatcher}).
 */
@ApplicationScoped
public class ConfigCache {

    private static final Logger LOG = Logger.getLogger(ConfigCache.class.getName());
    /** After a failed reload, readers do not ask again sooner: a dead database is not hammered. */
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Inject
    ConfigLoader loader;
    @Inject
    Settings settings;
    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    /** Counts invalidations; a snapshot is current only if it was loaded after the latest one. */
    private final AtomicLong changes = new AtomicLong(1);
    private volatile Loaded current;
    private ExecutorService reloader;
    // guarded by this
    private CompletableFuture<Void> queued;
    private long failedAt = System.nanoTime() - RETRY_NANOS;

    private record Loaded(long change, ConfigSnapshot snapshot) {
    }

    @PostConstruct
    void init() {
        reloader = Executors.newSingleThreadExecutor(threads);
    }

    @PreDestroy
    void stop() {
        reloader.shutdownNow();
    }

    public ConfigSnapshot snapshot() {
        Loaded loaded = current;
        if (loaded == null) {
            // nothing to serve yet (start-up): this first load is the only one a reader waits for
            return loadFirst();
        }
        if (loaded.change() != changes.get()) {
            requestReload(false);
        }
        return loaded.snapshot();
    }

    /**
     * Marks the snapshot stale and reloads it in the background. Before the first load there is
     * nothing to refresh: the first reader loads, and sees every change made until then.
     */
    public void invalidate() {
        changes.incrementAndGet();
        if (current != null) {
            requestReload(true);
        }
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConfigChanged change) {
        changes.incrementAndGet();
        try {
            requestReload(true).get(settings.configReloadWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // committed all the same; chats keep the previous snapshot until a reload succeeds
            LOG.log(Level.WARNING, "Configuration saved, but not reloaded yet: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long loadedVersion() {
        Loaded loaded = current;
        return loaded == null ? -1 : loaded.snapshot().version();
    }

    /** Whether a change is known that the snapshot in use does not hold yet (a reload failed or is under way). */
    public boolean stale() {
        Loaded loaded = current;
        return loaded == null || loaded.change() != changes.get();
    }

    /**
     * One reload queued at a time: a reload that has not started yet reads the change counter when
     * it starts, so it covers every invalidation before it.
     */
    private synchronized CompletableFuture<Void> requestReload(boolean force) {
        if (queued != null) {
            return queued;
        }
        if (!force && System.nanoTime() - failedAt < RETRY_NANOS) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> next = new CompletableFuture<>();
        queued = next;
        reloader.execute(() -> {
            synchronized (this) {
                queued = null;
            }
            try {
                reload();
                next.complete(null);
            } catch (RuntimeException e) {
                synchronized (this) {
                    failedAt = System.nanoTime();
                }
                LOG.log(Level.WARNING, "Configuration reload failed, chats keep the last good snapshot: " + e.getMessage());
                next.completeExceptionally(e);
            }
        });
        return next;
    }

    private synchronized ConfigSnapshot loadFirst() {
        Loaded loaded = current;
        return loaded != null ? loaded.snapshot() : reload();
    }

    private ConfigSnapshot reload() {
        long change = changes.get();
        long started = System.nanoTime();
        ConfigSnapshot snapshot = loader.load();
        synchronized (this) {
            if (current == null || current.change() <= change) {
                current = new Loaded(change, snapshot);
            }
        }
        LOG.fine(() -> "Configuration v" + snapshot.version() + " loaded in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        return snapshot;
    }
}
