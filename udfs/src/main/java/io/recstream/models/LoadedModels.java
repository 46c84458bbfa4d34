package io.recstream.models;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The store versions loaded in this JVM, shared by the tasks of a job: the model stamper
 * ({@code io.recstream.functions.ModelStamper}) holds each version that is live on one of its
 * subtasks, and the async model operators borrow the version an element was stamped with for
 * one model call. A version is loaded once per JVM, on its first hold.
 *
 * <p>When the last holder lets a version go (a swap), it stays open as its model's retired
 * version until the next swap retires another: elements stamped with it may still be on their
 * way to the model. A version is closed when it is neither held, the latest retired one, nor
 * borrowed; when no version of a model is held any more (the job ends), its retired version
 * closes too.
 */
public final class LoadedModels {
    private static final Logger LOG = LoggerFactory.getLogger(LoadedModels.class);

    private record Key(String name, String version) {}

    /** A loaded version and who uses it. */
    public static final class Loaded {
        private final Key key;
        private final AutoCloseable model;
        private int holders;
        private int borrowers;
        private boolean dropped;

        private Loaded(Key key, AutoCloseable model) {
            this.key = key;
            this.model = model;
        }

        /** The model, of the type its {@link ModelKind} loads. */
        public AutoCloseable model() {
            return model;
        }
    }

    private static final Map<Key, Loaded> LOADED = new HashMap<>();
    private static final Map<String, Loaded> RETIRED = new HashMap<>();

    private LoadedModels() {}

    /**
     * Holds {@code version} of model {@code name}, loading it with {@code loader} when this JVM
     * has not yet. A failing loader throws here and nothing is held.
     */
    public static synchronized void hold(String name, String version, Supplier<AutoCloseable> loader) {
        Key key = new Key(name, version);
        Loaded loaded = LOADED.get(key);
        if (loaded == null) {
            loaded = new Loaded(key, loader.get());
            LOADED.put(key, loaded);
        }
        loaded.holders++;
        if (RETIRED.get(name) == loaded) {
            RETIRED.remove(name); // live again, e.g. a roll-back
        }
    }

    /** Lets go of a version held with {@link #hold}. */
    public static synchronized void release(String name, String version) {
        Loaded loaded = LOADED.get(new Key(name, version));
        if (loaded == null || loaded.holders == 0) {
            throw new IllegalStateException(name + " " + version + " is not held");
        }
        if (--loaded.holders > 0) {
            return;
        }
        Loaded previous = RETIRED.put(name, loaded);
        if (previous != null) {
            drop(previous);
        }
        boolean anyHeld = LOADED.values().stream().anyMatch(l -> l.key.name.equals(name) && l.holders > 0);
        if (!anyHeld) {
            drop(RETIRED.remove(name));
        }
    }

    /**
     * The loaded {@code version} of model {@code name} for one model call, or null when this JVM
     * does not have it; give it back with {@link #giveBack} when the call returned.
     */
    public static synchronized Loaded borrow(String name, String version) {
        Loaded loaded = LOADED.get(new Key(name, version));
        if (loaded != null) {
            loaded.borrowers++;
        }
        return loaded;
    }

    public static synchronized void giveBack(Loaded loaded) {
        if (--loaded.borrowers == 0 && loaded.dropped) {
            close(loaded);
        }
    }

    private static void drop(Loaded loaded) {
        LOADED.remove(loaded.key);
        loaded.dropped = true;
        if (loaded.borrowers == 0) {
            close(loaded);
        }
    }

    private static void close(Loaded loaded) {
        try {
            loaded.model.close();
        } catch (Exception e) {
            LOG.warn("closing {} {} failed", loaded.key.name, loaded.key.version, e);
        }
    }
}
