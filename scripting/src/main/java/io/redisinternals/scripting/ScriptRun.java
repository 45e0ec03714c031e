package io.redisinternals.scripting;

import io.redisinternals.command.NestedCalls;

/**
 * One script execution's state, what the {@code redis} table's functions act on while it runs
 * (Redis's scriptRunCtx): the nested-call seam of the EVAL running it, the script's SHA (for error
 * texts), the protocol its redis.call replies are read in ({@code redis.setresp}) and its
 * replication flags ({@code redis.set_repl}). Created per run, dropped after it.
 */
final class ScriptRun {

    /** redis.set_repl flags (Redis's PROPAGATE_AOF and PROPAGATE_REPL). */
    static final int REPL_NONE = 0;
    static final int REPL_AOF = 1;
    static final int REPL_REPLICA = 2;
    static final int REPL_ALL = REPL_AOF | REPL_REPLICA;

    final NestedCalls calls;
    final String sha;
    /** redis.setresp(3): redis.call replies are read as RESP3, and booleans returned as RESP3 booleans. */
    boolean resp3;
    /**
     * redis.set_repl: where the script's writes are propagated. Recorded and validated; applying it
     * waits for the AOF and replication (what exists now propagates to every sink).
     */
    int replFlags = REPL_ALL;
    /** SCRIPT KILL, FUNCTION KILL or SHUTDOWN NOSAVE stopped it: the hook raises at every count. */
    boolean killed;

    ScriptRun(NestedCalls calls, String sha) {
        this.calls = calls;
        this.sha = sha;
    }
}
