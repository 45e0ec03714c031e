package io.redisinternals.scripting;

import io.redisinternals.command.NestedCalls;

/**
 * One script execution's state, what the {@code redis} table's functions act on while it runs
 * (Redis's scriptRunCtx): the nested-call seam of the EVAL running it, the script's SHA (for error
 * texts) and the protocol its redis.call replies are read in ({@code redis.setresp}); its
 * replication flags ({@code redis.set_repl}) are the seam's ({@link NestedCalls#propagateTo}).
 * Created per run, dropped after it.
 */
final class ScriptRun {

    /** redis.set_repl flags: the seam's propagation targets (Redis's PROPAGATE_AOF and PROPAGATE_REPL). */
    static final int REPL_NONE = 0;
    static final int REPL_AOF = NestedCalls.PROPAGATE_AOF;
    static final int REPL_REPLICA = NestedCalls.PROPAGATE_REPLICA;
    static final int REPL_ALL = REPL_AOF | REPL_REPLICA;

    final NestedCalls calls;
    final String sha;
    /** redis.setresp(3): redis.call replies are read as RESP3, and booleans returned as RESP3 booleans. */
    boolean resp3;
    /** SCRIPT KILL, FUNCTION KILL or SHUTDOWN NOSAVE stopped it: the hook raises at every count. */
    boolean killed;

    ScriptRun(NestedCalls calls, String sha) {
        this.calls = calls;
        this.sha = sha;
    }
}
