package io.redisinternals.keyspace.spi;

import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Engine;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.keyspace.Session;
import io.redisinternals.resp.ReplyWriter;

/**
 * What a command function sees while it runs: where to write its reply, the client's session and
 * selected database, the whole keyspace and the engine. Valid only during the call.
 */
public interface CommandContext {

    /** Where the command writes its one reply (already in the client's protocol, RESP2 or RESP3). */
    ReplyWriter reply();

    /** The calling client. */
    Session session();

    /** The client's selected database. */
    Database db();

    /** Every database (SELECT, FLUSHALL, SWAPDB, MOVE). */
    Keyspace keyspace();

    /** The engine: command table, config, clients, stats. */
    Engine engine();

    /** Milliseconds since the epoch, fixed for the duration of the command (one clock read per command). */
    long nowMillis();

    /** The counters INFO stats reports. */
    default io.redisinternals.keyspace.ServerStats stats() {
        return engine().stats();
    }

    /**
     * Looks a key up for reading, as Redis's {@code lookupKeyRead}: expires it first if its time
     * has passed, then counts a keyspace hit or miss (INFO stats). Read commands use this rather
     * than {@link Database#get} so the statistics stay in one place.
     *
     * @return the value of the key in argument {@code i} of {@code argv}, or null
     */
    default Object lookupRead(io.redisinternals.resp.Argv argv, int i) {
        Database db = db();
        db.expireIfNeeded(argv, i, nowMillis());
        Object value = db.get(argv, i);
        if (value == null) {
            stats().keyspaceMiss();
        } else {
            stats().keyspaceHit();
        }
        return value;
    }
}
