package io.redisinternals.engine;

import io.redisinternals.resp.Argv;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the effects commands declare go (see the effects section of
 * {@link io.redisinternals.command.CommandContext}): keyspace events to {@link KeyEventSink}s
 * (keyspace notifications, client tracking), propagated commands to {@link PropagationSink}s (the
 * AOF, replicas), and the dirty counter. {@link Call} collects a call's propagated commands and
 * hands them over when the outermost call ends, as Redis's propagatePendingCommands: several
 * commands of one unit (an EXEC, a write that expired a key first) go out wrapped in MULTI/EXEC,
 * a single one alone.
 *
 * <p>Targets: each propagated command carries a mask of where it may go, {@link #AOF} and
 * {@link #REPLICA} (Redis's PROPAGATE_AOF / PROPAGATE_REPL), and each propagation sink is
 * registered for a mask; a command reaches the sinks whose mask it meets. Everything propagates
 * to both but a script's own calls after {@code redis.set_repl} ({@link
 * io.redisinternals.command.NestedCalls#propagateTo}). As Redis's alsoPropagate, a command no
 * registered sink takes is dropped before it is queued (it does not count towards the MULTI/EXEC
 * wrapping); MULTI and EXEC go to both targets.
 *
 * <p>With no sink registered, an event or a propagation is one list-emptiness check. Sinks are
 * added and removed under the execution lock and are called under it, on the thread that ran the
 * command: they must not block.
 */
public final class Effects {

    /** Where a propagated command goes: the append-only file (Redis's PROPAGATE_AOF). */
    public static final int AOF = io.redisinternals.command.NestedCalls.PROPAGATE_AOF;
    /** Where a propagated command goes: the replicas (Redis's PROPAGATE_REPL). */
    public static final int REPLICA = io.redisinternals.command.NestedCalls.PROPAGATE_REPLICA;
    /** Both targets: what every command but a script's redis.set_repl'd calls propagates to. */
    public static final int ALL = AOF | REPLICA;

    /** Receives the propagated commands of its targets: database number and arguments (never changed later). */
    @FunctionalInterface
    public interface PropagationSink {
        void propagate(int db, byte[][] argv);

        /**
         * {@link #propagate(int, byte[][])} with the command's targets ({@link #AOF}, {@link
         * #REPLICA}, both), for a sink registered for both that feeds them differently.
         */
        default void propagate(int db, byte[][] argv, int targets) {
            propagate(db, argv);
        }

        /**
         * A unit that is one command propagated as its client sent it (most writes): {@code argv}
         * is the request, valid during this call only. A sink that keeps the command copies it, as
         * this default does; the AOF encodes it straight into its buffer, which saves the copy of
         * every argument (about half of what a SET allocated).
         */
        default void propagate(int db, Argv argv, int targets) {
            propagate(db, argv.toArrays(), targets);
        }
    }

    /**
     * Receives every keyspace event: database number, {@link io.redisinternals.command.KeyEvent}
     * class, event name and key (a private copy).
     */
    @FunctionalInterface
    public interface KeyEventSink {
        void keyEvent(int db, int type, String event, byte[] key);
    }

    private static final byte[][] MULTI = {"MULTI".getBytes()};
    private static final byte[][] EXEC = {"EXEC".getBytes()};

    /** A propagation sink with the targets it was registered for. */
    private record Registered(PropagationSink sink, int targets) {
    }

    private final List<Registered> propagationSinks = new ArrayList<>(0);
    /** The union of the sinks' targets (Redis's shouldPropagate: is an AOF on, has it replicas). */
    private int liveTargets;
    private final List<KeyEventSink> eventSinks = new ArrayList<>(0);
    private final Runnable sinksChanged;

    /** Redis's server.dirty: changes since start (rdb_changes_since_last_save until persistence resets it). */
    private long dirty;
    /** Propagated commands of the running unit, in order. */
    private final List<Op> pending = new ArrayList<>();

    private record Op(int db, byte[][] argv, int targets) {
    }

    Effects(Runnable sinksChanged) {
        this.sinksChanged = sinksChanged;
    }

    /** Adds a propagation sink of both targets. Caller holds the execution lock. */
    public void addPropagationSink(PropagationSink sink) {
        addPropagationSink(ALL, sink);
    }

    /**
     * Adds a propagation sink that receives the commands meeting {@code targets} ({@link #AOF},
     * {@link #REPLICA} or both). Caller holds the execution lock.
     */
    public void addPropagationSink(int targets, PropagationSink sink) {
        if ((targets & ALL) == 0 || (targets & ~ALL) != 0) {
            throw new IllegalArgumentException("propagation targets " + targets);
        }
        propagationSinks.add(new Registered(sink, targets));
        liveTargets |= targets;
        sinksChanged.run();
    }

    public void removePropagationSink(PropagationSink sink) {
        for (int i = 0; i < propagationSinks.size(); i++) {
            if (propagationSinks.get(i).sink() == sink) {
                propagationSinks.remove(i);
                break;
            }
        }
        liveTargets = 0;
        for (Registered r : propagationSinks) {
            liveTargets |= r.targets();
        }
        sinksChanged.run();
    }

    /** Adds a keyspace event sink. Caller holds the execution lock. */
    public void addKeyEventSink(KeyEventSink sink) {
        eventSinks.add(sink);
        sinksChanged.run();
    }

    public void removeKeyEventSink(KeyEventSink sink) {
        eventSinks.remove(sink);
        sinksChanged.run();
    }

    /** Whether any sink listens: the key signals must then reach the engine from every database. */
    boolean active() {
        return !propagationSinks.isEmpty() || !eventSinks.isEmpty();
    }

    boolean propagating() {
        return !propagationSinks.isEmpty();
    }

    /** Changes counted since start. */
    public long dirty() {
        return dirty;
    }

    void addDirty(long changes) {
        dirty += changes;
    }

    /**
     * A keyspace event; {@code key} is copied only when a sink listens (callers pass the stored
     * key array or a request slice, neither of which a sink may keep).
     */
    void keyEvent(int db, int type, String event, byte[] key) {
        if (!eventSinks.isEmpty()) {
            deliver(db, type, event, key.clone());
        }
    }

    /** {@link #keyEvent(int, int, String, byte[])} for the key in argument {@code i}. */
    void keyEvent(int db, int type, String event, Argv argv, int i) {
        if (!eventSinks.isEmpty()) {
            deliver(db, type, event, argv.bytes(i));
        }
    }

    private void deliver(int db, int type, String event, byte[] key) {
        for (int i = 0; i < eventSinks.size(); i++) {
            eventSinks.get(i).keyEvent(db, type, event, key);
        }
    }

    /**
     * Queues a command of the running unit (Redis's alsoPropagate); {@code argv} (a caller's array
     * of arrays the caller keeps no reference to) is taken as it is. Callers that would have to
     * build or copy it first ask {@link #propagating()}.
     */
    void alsoPropagate(int db, byte[][] argv) {
        alsoPropagate(db, argv, ALL);
    }

    /** {@link #alsoPropagate(int, byte[][])} to {@code targets} only; dropped if no sink takes them. */
    void alsoPropagate(int db, byte[][] argv, int targets) {
        if ((liveTargets & targets) != 0) {
            pending.add(new Op(db, argv, targets));
        }
    }

    /** Whether the running unit has queued no command yet. */
    boolean nothingQueued() {
        return pending.isEmpty();
    }

    /**
     * The outermost call's own command when the unit has nothing else (see {@link
     * #nothingQueued()}): handed to the sinks at once, as {@link #flush} would hand it, alone,
     * right after the call; only without the copy that queuing needs.
     */
    void propagateAlone(int db, Argv argv, int targets) {
        for (int i = 0; i < propagationSinks.size(); i++) {
            Registered r = propagationSinks.get(i);
            if ((r.targets() & targets) != 0) {
                r.sink().propagate(db, argv, targets);
            }
        }
    }

    /**
     * Hands the unit's commands to the sinks (Redis's propagatePendingCommands): wrapped in
     * MULTI/EXEC when there are several, unless {@code noMulti} (the active expiry cycle, whose
     * deletions are independent).
     */
    void flush(boolean noMulti) {
        if (pending.isEmpty()) {
            return;
        }
        boolean transaction = pending.size() > 1 && !noMulti;
        if (transaction) {
            emit(pending.get(0).db, MULTI, ALL);
        }
        for (Op op : pending) {
            emit(op.db, op.argv, op.targets);
        }
        if (transaction) {
            emit(pending.get(pending.size() - 1).db, EXEC, ALL);
        }
        pending.clear();
    }

    private void emit(int db, byte[][] argv, int targets) {
        for (int i = 0; i < propagationSinks.size(); i++) {
            Registered r = propagationSinks.get(i);
            if ((r.targets() & targets) != 0) {
                r.sink().propagate(db, argv, targets);
            }
        }
    }
}
