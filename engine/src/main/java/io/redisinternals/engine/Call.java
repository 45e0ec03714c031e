package io.redisinternals.engine;

import io.redisinternals.command.WrongTypeException;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;

/**
 * The one path every command invocation takes, Redis's {@code call()}: a client's request after
 * the dispatcher's checks, each command of EXEC, a blocked client's re-run (and later a script's
 * redis.call, the AOF loader, a master link). Around the function it does, exactly once:
 * <ul>
 * <li>WRONGTYPE from a typed lookup ({@link WrongTypeException}) and a bug's throwable become the
 *     command's one reply;</li>
 * <li>statistics: calls, microseconds, failed calls per command (INFO commandstats), error replies
 *     by code (INFO errorstats), total_commands_processed;</li>
 * <li>diagnostics: latency events, the per-command latency histogram and the slow log
 *     ({@link Diagnostics}), with the request as the client sent it (not its propagated form),
 *     passwords redacted;</li>
 * <li>propagation: a call that counted dirty changes is propagated in its own or its rewritten
 *     form ({@code propagateAs}), after what it propagated itself ({@code alsoPropagate}, lazy
 *     expiry's DEL); when the outermost call ends, the unit goes to the sinks
 *     ({@link Effects#flush}), so EXEC's commands leave together as MULTI ... EXEC.</li>
 * </ul>
 * Serving the keys a write made ready follows the outermost call (the dispatcher does it, after
 * an EXEC as a whole).
 *
 * <p>Threading: under the engine's execution lock; re-entrant (EXEC calls it per queued command).
 */
final class Call {

    private static final System.Logger LOG = System.getLogger(Call.class.getName());
    /** Command failures (bugs) are logged at most once a minute, with a count of the rest. */
    private static final ThrottledLog COMMAND_FAILURES = new ThrottledLog(LOG, 60_000);

    /** A client's request or a queued command of EXEC: counted as a call. */
    static final int FULL = 0;
    /**
     * A blocked client's re-run: the call was counted when it blocked, as Redis counts a blocked
     * command once; its time and failure count when it is served.
     */
    static final int RETRY = 1;

    private final Engine engine;
    private int nesting;

    Call(Engine engine) {
        this.engine = engine;
    }

    /**
     * Runs {@code entry}'s function for {@code session}, writing its one reply to {@code out}.
     * Returns false if the function threw (a bug): its output was replaced by an error reply.
     */
    boolean run(Session session, CommandTable.Entry entry, Argv argv, ReplyWriter out, long now, int mode) {
        return run(session, entry, argv, out, now, mode, Effects.ALL);
    }

    /**
     * {@link #run(Session, CommandTable.Entry, Argv, ReplyWriter, long, int)} whose own propagated
     * form goes to {@code targets} only (a script's call after redis.set_repl, Redis's
     * CMD_CALL_PROPAGATE_AOF / _REPL call flags); what the command propagates itself (a lazily
     * expired key's DEL) still goes to both, as in Redis.
     */
    boolean run(Session session, CommandTable.Entry entry, Argv argv, ReplyWriter out, long now, int mode, int targets) {
        Session.Context ctx = session.context();
        Effects effects = engine.effects();
        // Only a nested call (EXEC's queued commands) has an outer call whose context to restore.
        Session.Context.Saved outer = nesting > 0 ? ctx.save() : null;
        long dirtyBefore = effects.dirty();
        int mark = out.size();
        boolean ok = true;
        nesting++;
        long start = engine.clock().start();
        try {
            ctx.begin(out, now, entry);
            entry.spec.function().execute(ctx, argv);
        } catch (WrongTypeException e) {
            out.truncate(mark);
            out.raw(Replies.WRONGTYPE);
        } catch (Throwable t) {
            ok = false;
            out.truncate(mark);
            out.error(Dispatcher.internalError(entry.fullName));
            COMMAND_FAILURES.log(t instanceof VirtualMachineError ? System.Logger.Level.ERROR : System.Logger.Level.WARNING,
                    "Command '" + entry.fullName + "' failed with " + t + " (a bug: the client got an error reply)", t);
        } finally {
            nesting--;
        }
        long usec = (engine.clock().mark() - start) / 1000;
        // A call that blocked (or a re-run that found nothing and stays blocked) has no reply yet:
        // its errors and its time count when it is served.
        BlockedClients.Blocked b = session.blockedState();
        boolean blocked = ok && b != null && (mode == FULL || b.reblocked);
        if (mode == FULL) {
            entry.calls++;
        }
        if (!blocked || mode == FULL) {
            entry.usec += usec;
        }
        if (!blocked && !ctx.errorCounted() && engine.errorStats().countIfError(out, mark)) {
            entry.failedCalls++;
        }
        if (mode == FULL) {
            engine.stats().commandProcessed(); // as Redis's call(): a command that blocks counts now
            engine.diagnostics().called(session, entry, argv, ctx.redacted(), usec, blocked);
            engine.feedMonitors(session, entry, argv, ctx.redacted());
            if (ok && session.tracking() != null) {
                engine.tracking().remember(session, entry, argv); // the keys it may now cache
            }
            if (blocked) {
                b.callMicros = usec;
            }
        } else if (!blocked && b != null) {
            engine.diagnostics().unblocked(session, entry, argv, b.callMicros, usec);
        }
        long changes = effects.dirty() - dirtyBefore;
        byte[][] rewritten = ctx.rewritten();
        boolean prevented = ctx.propagationPrevented();
        ctx.restore(outer);
        if (changes > 0 && !prevented && targets != 0 && effects.propagating() && !"exec".equals(entry.fullName)) {
            if (nesting == 0 && rewritten == null && effects.nothingQueued()) {
                // the unit is this request alone: straight to the sinks, no copy (the flush below finds nothing)
                effects.propagateAlone(session.dbIndex(), argv, targets);
            } else {
                effects.alsoPropagate(session.dbIndex(), rewritten != null ? rewritten : argv.toArrays(), targets);
            }
        }
        if (nesting == 0) {
            effects.flush(false);
            engine.tracking().afterCall(); // its own invalidations after its reply, as Redis's afterCommand
        }
        return ok;
    }

    /** Whether a call is running (an EXEC's queued command runs nested in EXEC's call). */
    boolean inCall() {
        return nesting > 0;
    }
}
