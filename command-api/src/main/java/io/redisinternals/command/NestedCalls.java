package io.redisinternals.command;

import io.redisinternals.resp.Argv;
import io.redisinternals.resp.RespVersion;

/**
 * Runs other commands from inside the running one, as a script's {@code redis.call} does: each
 * through the engine's one call path (statistics, slow log, MONITOR, keyspace events, propagation,
 * WATCH), after the checks Redis makes for a script's call (its scriptCall), in Redis's order:
 * unknown command, arity, the {@link CommandFlag#NOSCRIPT noscript} flag, a write from a
 * read-only script ({@link #READ_ONLY}: EVAL_RO, {@code flags=no-writes}; may-replicate counts as a
 * write), then out-of-memory (a {@link CommandFlag#DENYOOM denyoom} command while the server was
 * over maxmemory when the outer command started, unless {@link #ALLOW_OOM} or the script already
 * wrote). A refused call is an error reply, counted as a rejected call of that command.
 *
 * <p>Obtained from {@link CommandContext#nestedCalls(int)} for one run of the outer command and
 * valid only during it; {@link #close()} ends the run. The nested commands run in the caller's
 * database; a SELECT among them applies to the following ones and is undone by {@link #close()}
 * (as Redis 7.0: a script's SELECT does not change its caller's database). A nested command never blocks (a blocking command acts as its
 * non-blocking form, as inside MULTI).
 */
public interface NestedCalls extends AutoCloseable {

    /** Writes are refused ("Write commands are not allowed from read-only scripts."). */
    int READ_ONLY = 1;
    /** Denyoom commands run even over maxmemory (shebang {@code allow-oom}). */
    int ALLOW_OOM = 2;

    /** A propagation target (Redis's PROPAGATE_AOF): the append-only file. */
    int PROPAGATE_AOF = 1;
    /** A propagation target (Redis's PROPAGATE_REPL): the replicas. */
    int PROPAGATE_REPLICA = 2;

    /**
     * Runs {@code argv} (the command name first) and returns its one reply, complete RESP bytes in
     * {@code protocol} (the script's, see {@code redis.setresp}), an error reply when refused.
     */
    byte[] call(Argv argv, RespVersion protocol);

    /**
     * A script's {@code redis.acl_check_cmd}: null when {@code argv} names no command (as Redis's
     * lookupCommand: a container's unknown subcommand names none, a container alone names itself),
     * else whether the caller's user may run it with those arguments. Runs nothing.
     */
    Boolean permitted(Argv argv);

    /** Ends the run: the caller's database is selected again if a nested SELECT changed it. */
    @Override
    void close();

    /**
     * Where the following calls' writes propagate: a mask of {@link #PROPAGATE_AOF} and {@link
     * #PROPAGATE_REPLICA}, 0 for nowhere (a script's {@code redis.set_repl}; both until called).
     * Only a call's own propagated form is targeted: what a command propagates besides (a lazily
     * expired key's DEL) goes to both, as in Redis 7.0.
     */
    void propagateTo(int targets);

    /** Whether a write command got past the checks (Redis's SCRIPT_WRITE_DIRTY: the run cannot be killed). */
    boolean wrote();

    /**
     * Declares this run a script, for busy-script handling: an EVAL script ({@code eval}) or a
     * function, named {@code name} (its SHA1 or function name) in logs and FUNCTION STATS, run by
     * {@code request} (the EVAL or FCALL, valid during the run). Called once, before the script's
     * code runs. Without it {@link #interrupt()} never stops anything.
     */
    default void script(boolean eval, String name, Argv request) {
    }

    /**
     * The script's interrupt point, called from its instruction hook every so many instructions
     * (Redis's scriptInterrupt): past {@code busy-reply-threshold} the engine is marked busy and other
     * clients are served (BUSY, or the commands allowed then). Returns true when the script must
     * stop now (SCRIPT KILL, FUNCTION KILL, SHUTDOWN NOSAVE): the caller raises the kill error.
     */
    default boolean interrupt() {
        return false;
    }
}
