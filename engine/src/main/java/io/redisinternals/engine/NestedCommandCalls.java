package io.redisinternals.engine;

import io.redisinternals.command.CommandFlag;
import io.redisinternals.command.NestedCalls;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ReplyWriter;
import io.redisinternals.resp.RespVersion;

/**
 * {@link NestedCalls} for one run of a command (a script): each call is checked as Redis's
 * scriptCall checks a script's command, then runs through {@link Call#run} nested in the outer
 * call, for the same session, into a reply buffer of its own in the script's protocol. The outer
 * call's context is saved and restored by {@link Call}, as for EXEC's queued commands.
 *
 * <p>Threading: under the execution lock, on the thread running the outer command.
 */
final class NestedCommandCalls implements NestedCalls {

    static final String UNKNOWN = "ERR Unknown Redis command called from script";
    static final String WRONG_ARITY = "ERR Wrong number of args calling Redis command from script";
    static final String NOSCRIPT = "ERR This Redis command is not allowed from script";
    static final String READ_ONLY_WRITE = "ERR Write commands are not allowed from read-only scripts.";

    private final Engine engine;
    private final Session session;
    private final int flags;
    private final long now;
    /** Redis's pre_command_oom_state: over maxmemory when the outer command was dispatched. */
    private final boolean oomAtStart;
    /** The caller's database, selected again by {@link #close()}. */
    private final int callerDb;
    private boolean wrote;
    /** Where the calls' own forms propagate ({@link #propagateTo}). */
    private int targets = Effects.ALL;
    /** The busy-script state of this run once it declared itself a script, else null. */
    private BusyScript.Run script;

    NestedCommandCalls(Engine engine, Session session, int flags, long now, boolean oomAtStart) {
        this.engine = engine;
        this.session = session;
        this.flags = flags;
        this.now = now;
        this.oomAtStart = oomAtStart;
        this.callerDb = session.dbIndex();
    }

    @Override
    public void close() {
        if (script != null) {
            engine.busyScript().end(script);
            script = null;
        }
        if (session.dbIndex() != callerDb) {
            session.select(callerDb);
        }
    }

    @Override
    public byte[] call(Argv argv, RespVersion protocol) {
        ReplyWriter out = new ReplyWriter(64);
        out.version(protocol);
        if (argv.count() == 0) {
            return refuse(null, out, UNKNOWN);
        }
        CommandTable.Entry entry = engine.commandTable().lookup(argv, 0);
        if (entry != null && entry.subcommands != null && argv.count() >= 2) {
            entry = entry.subcommands.lookup(argv, 1); // an unknown subcommand is an unknown command
        }
        if (entry == null) {
            return refuse(null, out, UNKNOWN);
        }
        if (!Dispatcher.arityOk(entry.spec.arity(), argv.count()) || entry.spec.function() == null) {
            return refuse(entry, out, WRONG_ARITY);
        }
        if (entry.spec.has(CommandFlag.NOSCRIPT)) {
            return refuse(entry, out, NOSCRIPT);
        }
        boolean write = entry.spec.has(CommandFlag.WRITE);
        if ((flags & READ_ONLY) != 0 && (write || mayReplicate(entry))) {
            return refuse(entry, out, READ_ONLY_WRITE);
        }
        // Once the script wrote, it must be allowed to finish what it started (no partial script).
        if ((flags & ALLOW_OOM) == 0 && !wrote && oomAtStart && entry.spec.has(CommandFlag.DENYOOM)) {
            return refuse(entry, out, Dispatcher.OOM_ERROR);
        }
        if (write) {
            wrote = true;
            if (script != null) {
                script.wrote = true;
            }
        }
        session.enterNested();
        try {
            engine.call().run(session, entry, argv, out, now, Call.FULL, targets);
        } finally {
            session.leaveNested();
        }
        return out.toByteArray();
    }

    /**
     * Redis's CMD_MAY_REPLICATE, which 7.0's COMMAND INFO does not report (so the captured metadata
     * cannot carry it): the commands whose src/commands/*.json declare it and a script may call.
     * EVAL, EVALSHA and FCALL declare it too but are noscript.
     */
    private static final java.util.Set<String> MAY_REPLICATE = java.util.Set.of("publish", "spublish", "pfcount");

    private static boolean mayReplicate(CommandTable.Entry entry) {
        return entry.spec.has(CommandFlag.MAY_REPLICATE) || MAY_REPLICATE.contains(entry.fullName);
    }

    @Override
    public Boolean permitted(Argv argv) {
        CommandTable.Entry entry = argv.count() == 0 ? null : engine.commandTable().lookup(argv, 0);
        if (entry != null && entry.subcommands != null && argv.count() >= 2) {
            entry = entry.subcommands.lookup(argv, 1);
        }
        return entry == null ? null : engine.dispatcher().aclPermits(session, entry, argv);
    }

    @Override
    public void propagateTo(int targets) {
        if ((targets & ~Effects.ALL) != 0) {
            throw new IllegalArgumentException("propagation targets " + targets);
        }
        this.targets = targets;
    }

    @Override
    public boolean wrote() {
        return wrote;
    }

    @Override
    public void script(boolean eval, String name, Argv request) {
        script = engine.busyScript().begin(session, request, eval, name);
    }

    @Override
    public boolean interrupt() {
        return script != null && engine.busyScript().interrupt(script);
    }

    /** A refused call: its error reply, counted as Redis's afterErrorReply and rejected_calls. */
    private byte[] refuse(CommandTable.Entry entry, ReplyWriter out, String error) {
        if (entry != null) {
            entry.rejectedCalls++;
        }
        out.error(error);
        engine.errorStats().countIfError(out, 0);
        return out.toByteArray();
    }
}
