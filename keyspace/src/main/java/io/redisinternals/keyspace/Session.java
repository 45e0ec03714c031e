package io.redisinternals.keyspace;

import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ReplyWriter;

/**
 * One client's state in the engine: id, name, selected database, protocol, authentication,
 * (later) MULTI queue and subscriptions. Created by {@link Engine#openSession}.
 *
 * <p>Threading: used by the connection's owner thread while it holds the engine's execution lock.
 */
public final class Session {

    /**
     * Dispatches one request: generic checks (unknown command, arity, authentication; seams for
     * ACL, MULTI queueing and OOM), then the command function. Appends exactly one reply to
     * {@code out} (none for QUIT-like closes where Redis sends none), and switches {@code out}'s
     * protocol when HELLO asks for it. Caller holds the execution lock.
     */
    public void execute(Argv argv, ReplyWriter out) {
        throw new UnsupportedOperationException("TODO");
    }

    /** True after QUIT, CLIENT KILL or similar: the server flushes the pending replies and closes. */
    public boolean closeRequested() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Whether the client may run commands (no password required, or AUTH/HELLO AUTH succeeded). */
    public boolean authenticated() {
        throw new UnsupportedOperationException("TODO");
    }

    public long id() {
        throw new UnsupportedOperationException("TODO");
    }

    /** The connection closed: unregister. Caller holds the execution lock. Idempotent. */
    public void closed() {
        throw new UnsupportedOperationException("TODO");
    }
}
