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
}
