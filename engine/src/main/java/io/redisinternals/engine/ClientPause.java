package io.redisinternals.engine;

import io.redisinternals.command.CommandFlag;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * CLIENT PAUSE / UNPAUSE, as Redis 7.0's pauseClients with its one user-visible purpose (the
 * command): while a pause is on, a client's command that the pause covers is <em>postponed</em>,
 * not refused — every command under {@link Mode#ALL}, a command that may write or replicate
 * (flag write or may_replicate, or an EXEC whose queue holds one) under {@link Mode#WRITE}. The
 * client then waits like a blocked client (CLIENT LIST flag {@code b}, INFO blocked_clients): its
 * connection stops delivering its next requests, the command's arguments are copied here.
 *
 * <p>When the pause ends (CLIENT UNPAUSE, its timeout seen by the cron or the next command, or a
 * narrowing from ALL to WRITE — which cannot happen through the command, whose new pause only
 * widens the current one), every postponed client is re-run in the order it was postponed, through
 * the whole dispatch again (so under a narrower pause it may be postponed anew), after the command
 * that ended the pause has finished (Redis re-processes them in beforeSleep): its reply goes to
 * its connection as a blocked client's does ({@link ClientChannel#unblocked}), and its pipelined
 * requests follow. A re-run command that blocks on keys stays blocked; nothing here waits on a
 * thread, so a paused client never holds the execution lock.
 *
 * <p>While paused, the dataset stays as it is: the active expiry cycle does nothing and eviction
 * is skipped ({@link #datasetFrozen}). Lazily expired keys are
 * left in place too, answered as if they were gone ({@link #pausedAt}, the keyspace's expiry gate),
 * as Redis 7.0's expireIfNeeded. A session whose channel cannot hold a blocked client (embedded use, tests)
 * runs its command at once.
 *
 * <p>Threading: under the engine's execution lock.
 */
public final class ClientPause {

    /** Pause types, least restrictive first (Redis's pause_type order). */
    public enum Mode { OFF, WRITE, ALL }

    /** A postponed client's command: its arguments, copied out of the request buffer. */
    static final class Postponed {
        final Argv argv;

        Postponed(Argv argv) {
            this.argv = argv;
        }
    }

    private final Engine engine;
    /** The pause in force, OFF when none; read by other threads' cron and eviction. */
    private volatile Mode mode = Mode.OFF;
    /** When the pause ends (ms since the epoch); meaningful while {@link #mode} is not OFF. */
    private long endMillis;
    /** Postponed clients in the order they were postponed. */
    private final List<Session> postponed = new ArrayList<>();
    /** Clients whose pause ended and whose command is re-run once the current command is over. */
    private final List<Session> resumable = new ArrayList<>();
    private boolean resuming;

    ClientPause(Engine engine) {
        this.engine = engine;
    }

    /**
     * CLIENT PAUSE: a pause already on is widened (the more restrictive mode, the later end), as
     * Redis's pauseClients. {@code endMillis} is Redis's: now + timeout, or 0 for a 0 timeout (a
     * pause that is over at once).
     */
    public void pause(Mode m, long endMillis, long nowMillis) {
        Mode old = mode;
        if (old == Mode.OFF) {
            this.endMillis = endMillis;
            settle(old, m, nowMillis);
        } else {
            this.endMillis = Math.max(this.endMillis, endMillis);
            settle(old, m.ordinal() > old.ordinal() ? m : old, nowMillis);
        }
    }

    /** CLIENT UNPAUSE: the pause ends now; postponed clients run after the current command. */
    public void unpause() {
        Mode old = mode;
        mode = Mode.OFF;
        if (old != Mode.OFF) {
            resumeAll();
        }
    }

    /** The mode in force, the timeout checked first (Redis's checkClientPauseTimeoutAndReturnIfPaused). */
    public Mode mode(long nowMillis) {
        Mode m = mode;
        if (m != Mode.OFF && endMillis < nowMillis) {
            settle(m, m, nowMillis);
        }
        return mode;
    }

    /**
     * Whether the dataset must be left as it is (a pause of any mode is on, its timeout checked):
     * the active expiry cycle and eviction skip their work, as Redis's activeExpireCycle and
     * performEvictions do while clients are paused.
     */
    public boolean datasetFrozen(long nowMillis) {
        return mode(nowMillis) != Mode.OFF;
    }

    /**
     * {@link #datasetFrozen} without ending a pause whose time is over (that resumes clients, which
     * must not happen inside a key lookup): the keyspace's lazy-expiry gate.
     */
    boolean pausedAt(long nowMillis) {
        return mode != Mode.OFF && endMillis >= nowMillis;
    }

    /**
     * Redis's updateClientPauseTypeAndEndTime: the pause becomes {@code next}, or none if its time
     * is over; if that is less restrictive than {@code old}, the postponed clients are resumed
     * (re-run through the dispatch, where a narrower pause may postpone them again).
     */
    private void settle(Mode old, Mode next, long nowMillis) {
        Mode now = next != Mode.OFF && endMillis < nowMillis ? Mode.OFF : next;
        mode = now;
        if (now.ordinal() < old.ordinal()) {
            resumeAll();
        }
    }

    // ---- the dispatcher's side -------------------------------------------------------------

    /**
     * Redis's check in processCommand, after the replica check and before MULTI queueing: if the
     * pause covers this command, postpones it (copies the arguments, marks the client as waiting)
     * and returns true; the command then runs when the pause ends.
     */
    boolean postpone(Session session, CommandTable.Entry entry, Argv argv, long nowMillis) {
        Mode m = mode(nowMillis);
        if (m == Mode.OFF || (m == Mode.WRITE && !mayReplicate(session, entry))) {
            return false;
        }
        ClientChannel ch = session.channel();
        if (ch == null || !ch.canBlock()) {
            return false; // nothing can hold this client's later requests back: it runs now
        }
        session.postponed(new Postponed(Argv.of(argv.toArrays())));
        postponed.add(session);
        return true;
    }

    /**
     * The commands of redis-server 7.0.15's table flagged may_replicate (src/commands/*.json). Redis
     * hides that flag from COMMAND INFO ("Hidden on purpose"), so the metadata captured from it
     * cannot carry it: this is the one place it is written down.
     */
    private static final java.util.Set<String> HIDDEN_MAY_REPLICATE =
            java.util.Set.of("eval", "evalsha", "fcall", "pfcount", "publish", "spublish");

    /** Whether a command may write or replicate (write or may_replicate; Redis's CMD_WRITE|CMD_MAY_REPLICATE). */
    static boolean mayReplicate(CommandTable.Entry entry) {
        return entry.spec.has(CommandFlag.WRITE) || entry.spec.has(CommandFlag.MAY_REPLICATE)
                || HIDDEN_MAY_REPLICATE.contains(entry.fullName);
    }

    /** Redis's is_may_replicate_command: write or may_replicate, or an EXEC queueing such a command. */
    private static boolean mayReplicate(Session session, CommandTable.Entry entry) {
        if (mayReplicate(entry)) {
            return true;
        }
        return "exec".equals(entry.fullName) && session.inMulti() && session.transaction().queuedMayReplicate();
    }

    /** The client is going away: it will not be re-run. */
    void discard(Session session) {
        postponed.remove(session);
        resumable.remove(session);
        session.postponed(null);
    }

    /** Number of postponed clients (counted in INFO blocked_clients, as Redis's BLOCKED_POSTPONE). */
    public int postponedCount() {
        return postponed.size() + resumable.size();
    }

    private void resumeAll() {
        resumable.addAll(postponed);
        postponed.clear();
    }

    /**
     * Re-runs the commands of clients whose pause ended, in the order they were postponed; called
     * when no command is running (after a client's request, from the cron). Re-entrant calls (a
     * re-run's own end) return at once.
     */
    void runResumed() {
        if (resuming || resumable.isEmpty()) {
            return;
        }
        resuming = true;
        try {
            while (!resumable.isEmpty()) {
                rerun(resumable.remove(0));
            }
        } finally {
            resuming = false;
        }
    }

    /** Whether some client waits to be re-run. */
    boolean hasResumable() {
        return !resumable.isEmpty();
    }

    private void rerun(Session s) {
        Postponed p = s.postponedState();
        s.postponed(null);
        if (p == null || s.isClosed()) {
            return;
        }
        ReplyWriter out = new ReplyWriter(64);
        s.execute(p.argv, out);
        if (s.isBlocked()) {
            return; // postponed again, or now blocked on keys: its reply comes later
        }
        s.touch(System.currentTimeMillis());
        ClientChannel ch = s.channel();
        if (ch != null && !s.isClosed()) {
            ch.unblocked(out.toByteArray());
            if (s.closeRequested()) {
                ch.close(); // QUIT or CLIENT KILL of itself: after its reply
            }
        }
    }
}
