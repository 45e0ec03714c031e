package io.redisinternals.persistence;

import io.redisinternals.engine.Engine;
import io.redisinternals.engine.Persistence;

/**
 * The engine's {@link Persistence}: RDB snapshots and the append-only file of one engine. The
 * server installs it right after boot and loads the dataset through it before serving.
 */
public final class PersistenceService implements Persistence {

    private final Engine engine;

    private PersistenceService(Engine engine) {
        this.engine = engine;
    }

    /** Creates the service for {@code engine} and installs it there. */
    public static PersistenceService install(Engine engine) {
        PersistenceService service = new PersistenceService(engine);
        engine.persistence(service);
        return service;
    }

    Engine engine() {
        return engine;
    }

    /** DEBUG OBJECT's serializedlength: the bytes the RDB value codec writes for the value, as Redis's rdbSavedObjectLen. */
    @Override
    public long serializedLength(Object value) {
        return io.redisinternals.persistence.rdb.RdbValues.serializedLength(value,
                "yes".equalsIgnoreCase(engine.config().get(io.redisinternals.persistence.rdb.RdbSettings.RDBCOMPRESSION)),
                engine.config().intValue("list-max-listpack-size"));
    }
}
