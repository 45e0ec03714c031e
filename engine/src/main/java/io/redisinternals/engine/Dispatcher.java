package io.redisinternals.engine;

import java.util.Set;

import io.redisinternals.command.CommandFlag;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ReplyWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one place where every request is checked before its command runs, in redis-server 7.0's
 * order: cross-protocol attack guard, existence (command, then subcommand for containers), arity,
 * protected commands (DEBUG), authentication, then the seams for ACL, out-of-memory and MULTI queueing. Command functions never
 * repeat these checks.
 *
 * <p>Threading: called with the engine's execution lock held.
 */
final class Dispatcher {

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());
    /** Redis logs the cross-protocol warning at most once a minute so an attack cannot flood the log. */
    private static final long SECURITY_WARNING_INTERVAL_MS = 60_000;
    /** Redis previews at most this many bytes of a name and of the arguments in unknown-command errors. */
    private static final int PREVIEW = 128;

    private static final byte[] QUEUED = "+QUEUED\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Commands that run even inside MULTI (Redis's processCommand lists them by function). */
    private static final java.util.Set<String> RUN_INSIDE_MULTI =
            java.util.Set.of("exec", "discard", "multi", "watch", "quit", "reset");

    private static final AtomicLong lastSecurityWarning = new AtomicLong(Long.MIN_VALUE / 2);

    private final Engine engine;
    private final CommandTable table;
    /** DEBUG's entry, the one protected command (null when no provider declares it). */
    private final CommandTable.Entry debug;

    Dispatcher(Engine engine, CommandTable table) {
        this.engine = engine;
        this.table = table;
        this.debug = table.lookup("debug");
    }

    private static final Set<String> PUBSUB_MODE_COMMANDS = Set.of("ping", "subscribe", "ssubscribe", "unsubscribe",
            "sunsubscribe", "psubscribe", "punsubscribe", "quit", "reset");

    private static boolean allowedInPubSubMode(CommandTable.Entry entry) {
        return PUBSUB_MODE_COMMANDS.contains(entry.fullName);
    }

    void dispatch(Session session, Argv argv, ReplyWriter out) {
        CommandClock clock = engine.clock();
        long now = clock.wallMillis(clock.start());
        session.touch(now);
        if (argv.count() == 0) {
            return;
        }
        if (isCrossProtocolAttack(argv)) {
            warnSecurityAttack(now);
            session.requestCloseNow();
            return;
        }
        CommandTable.Entry entry = table.lookup(argv, 0);
        if (entry == null) {
            session.lastCommand(null);
            reject(session);
            out.raw(unknownCommand(argv));
            engine.errorStats().count("ERR");
            return;
        }
        if (entry.subcommands != null && argv.count() >= 2) {
            CommandTable.Entry sub = entry.subcommands.lookup(argv, 1);
            if (sub == null) {
                session.lastCommand(null);
                reject(session);
                out.raw(unknownSubcommand(entry, argv));
                engine.errorStats().count("ERR");
                return;
            }
            entry = sub;
        }
        session.lastCommand(entry.fullName);
        CommandSpec spec = entry.spec;
        // A container without a function of its own can only run through a subcommand.
        if (!arityOk(spec.arity(), argv.count()) || spec.function() == null) {
            reject(session, entry, out, "ERR wrong number of arguments for '" + entry.fullName + "' command");
            return;
        }
        if (entry == debug && !ProtectedCommands.allowed(engine.config().get("enable-debug-command"), session)) {
            reject(session, entry, out, ProtectedCommands.DEBUG_NOT_ALLOWED);
            return;
        }
        if (!session.authenticated() && !spec.has(CommandFlag.NO_AUTH)) {
            reject(session, entry, out, "NOAUTH Authentication required.");
            return;
        }
        String denied = checkAcl(session, entry, argv);
        if (denied != null) {
            reject(session, entry, out, denied);
            return;
        }
        if (spec.has(CommandFlag.NO_MULTI) && session.inMulti()) {
            reject(session, entry, out, "ERR Command not allowed inside a transaction");
            return;
        }
        // While a script is busy this request runs inside it (BusyScript): no client eviction nor
        // key eviction then, as Redis skips performEvictions inside a yielding command.
        boolean busy = engine.busyScript().busy();
        // As Redis's processCommand, before key eviction: clients over maxmemory-clients go first;
        // if this client was one of them, its command does not run.
        if (!busy && engine.clientEviction().beforeCommand(session)) {
            return;
        }
        if (!busy && rejectOnOutOfMemory(session, entry, argv, out)) {
            return;
        }
        Persistence persistence = engine.persistence();
        // A failed background save or AOF write stops writes (and PING, as Redis's processCommand)
        // until persistence works again, so clients learn their writes would not be durable.
        String diskError = persistence.writeRefusal();
        if (diskError != null && (spec.has(CommandFlag.WRITE) || "ping".equals(entry.fullName)
                || ("exec".equals(entry.fullName) && session.inMulti() && session.transaction().queued(CommandFlag.WRITE)))) {
            reject(session, entry, out, diskError);
            return;
        }
        // A RESP2 connection in pub/sub mode reads messages: only what keeps it there or leaves it
        // may run (RESP3 tells pushes from replies and has no such limit).
        if (session.inPubSubMode() && session.protocol() == io.redisinternals.resp.RespVersion.RESP2 && !allowedInPubSubMode(entry)) {
            reject(session, entry, out, "ERR Can't execute '" + entry.fullName + "': only (P|S)SUBSCRIBE / "
                    + "(P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context");
            return;
        }
        // While the dataset loads only the commands flagged loading run (INFO, PING, CONFIG...).
        if (persistence.loading() && (!spec.has(CommandFlag.LOADING)
                || ("exec".equals(entry.fullName) && session.inMulti() && session.transaction().queuedWithout(CommandFlag.LOADING)))) {
            reject(session, entry, out, "LOADING Redis is loading the dataset in memory");
            return;
        }
        // A busy script: only what may run beside it (the allow-busy commands: SCRIPT KILL,
        // FUNCTION KILL/STATS, SHUTDOWN, the transaction and connection commands); the rest is
        // refused with the EVAL or the FUNCTION text, even inside MULTI (the transaction fails).
        if (busy && !spec.has(CommandFlag.ALLOW_BUSY)) {
            reject(session, entry, out, engine.busyScript().busyError());
            return;
        }
        // A MONITOR client counts as a replica: the keyspace is not its business.
        if (session.isMonitor() && (spec.has(CommandFlag.WRITE) || spec.has(CommandFlag.READONLY)
                || spec.has(CommandFlag.MAY_REPLICATE))) {
            reject(session, entry, out, "ERR Replica can't interact with the keyspace");
            return;
        }
        // CLIENT PAUSE: the command waits (it is not refused) until the pause ends (ClientPause).
        if (engine.clientPause().postpone(session, entry, argv, now)) {
            return;
        }
        if (queueIfInMulti(session, entry, argv, out)) {
            return;
        }
        if (!engine.call().run(session, entry, argv, out, now, Call.FULL) && session.isBlocked()) {
            // it blocked, then failed: nobody will ever serve that wait (and it has its reply)
            engine.blockedClients().discard(session);
        }
        BlockedClients blocked = engine.blockedClients();
        if (blocked.hasReadyKeys() && !busy) {
            // after the command (and after a whole EXEC), as Redis's handleClientsBlockedOnKeys
            blocked.serveReadyKeys(now);
            engine.effects().flush(false); // a DEL of a key that expired while checked for waiters
        }
    }

    /**
     * Runs a command read from the append-only file as Redis's AOF loading client does
     * (loadSingleAppendOnlyFile): no checks of processCommand (no auth, ACL, OOM, LOADING or
     * MISCONF refusal: the file holds what was already accepted), queued while the client is in
     * MULTI, then the one call path. Returns false for a command this server does not know.
     */
    boolean replay(Session session, Argv argv, ReplyWriter out) {
        CommandTable.Entry entry = table.lookup(argv, 0);
        if (entry == null) {
            return false;
        }
        if (entry.subcommands != null && argv.count() >= 2) {
            CommandTable.Entry sub = entry.subcommands.lookup(argv, 1);
            if (sub == null) {
                return false;
            }
            entry = sub;
        }
        session.lastCommand(entry.fullName);
        if (session.inMulti() && !"exec".equals(entry.fullName)) {
            session.transaction().queue(entry, argv);
            return true;
        }
        CommandClock clock = engine.clock();
        engine.call().run(session, entry, argv, out, clock.wallMillis(clock.start()), Call.FULL);
        return true;
    }

    /**
     * The reply of a command whose function threw. Redis has no such reply (it crashes on a bug);
     * this one starts with ERR so clients treat it as an ordinary command error, names the command
     * but carries nothing of the exception (whose message may hold keys, values or internals), and
     * points to the log where the stack trace is.
     */
    static String internalError(String fullName) {
        return "ERR internal error in command '" + fullName + "', see the server log";
    }

    /**
     * EXEC's check of a queued command just before it runs, as Redis's execCommand: the ACL rules
     * may have changed since it was queued. The NOPERM error text, or null to run it.
     */
    String recheckQueued(Session session, CommandTable.Entry entry, Argv argv) {
        return checkAcl(session, entry, argv) == null ? null
                : "NOPERM ACLs rules changed between the moment the transaction was accumulated and the EXEC call. "
                        + "This command is no longer allowed for the following reason: no permission to execute the "
                        + "command or subcommand";
    }

    /** Whether the session's user may run this (a script's redis.acl_check_cmd). */
    boolean aclPermits(Session session, CommandTable.Entry entry, Argv argv) {
        return checkAcl(session, entry, argv) == null;
    }

    static boolean arityOk(int arity, int argc) {
        return arity > 0 ? argc == arity : argc >= -arity;
    }

    // ---- seams: each returns "go on" until its feature exists ----------------------------

    /** ACL seam: the NOPERM error text if the session's user may not run this, else null. */
    private String checkAcl(Session session, CommandTable.Entry entry, Argv argv) {
        return null; // only the default user with all permissions exists so far
    }

    /**
     * Redis's pre_command_oom_state: whether memory was over the limit (after eviction) when the
     * running request was dispatched; a script's nested calls refuse denyoom commands by it.
     */
    private boolean oomAtStart;

    boolean oomAtStart() {
        return oomAtStart;
    }

    /** Redis's shared.oomerr. */
    static final String OOM_ERROR = "OOM command not allowed when used memory > 'maxmemory'.";

    /**
     * The maxmemory seam, as Redis's processCommand: with a limit set, evicts what the policy
     * allows first ({@link Eviction#perform}); if memory is still over the limit and nothing more
     * can be evicted, refuses a DENYOOM command, an EXEC whose queue holds one, and inside MULTI
     * anything but EXEC, DISCARD, QUIT and RESET (queueing grows memory too). Writes -OOM and
     * returns true when refused.
     */
    private boolean rejectOnOutOfMemory(Session session, CommandTable.Entry entry, Argv argv, ReplyWriter out) {
        Eviction eviction = engine.eviction();
        oomAtStart = false;
        if (!eviction.limited()) {
            return false;
        }
        boolean outOfMemory = eviction.perform() == Eviction.Result.FAIL;
        oomAtStart = outOfMemory;
        if (!outOfMemory) {
            return false;
        }
        String name = entry.fullName;
        boolean exec = "exec".equals(name);
        // the call's flags (an EVAL of a shebang script is denyoom unless allow-oom or no-writes),
        // computed only here, when memory is over the limit
        boolean refuse = entry.spec.flagsOf(argv).contains(CommandFlag.DENYOOM)
                || (exec && session.inMulti() && session.transaction().queued(CommandFlag.DENYOOM));
        if (session.inMulti() && !exec && !"discard".equals(name) && !"quit".equals(name) && !"reset".equals(name)) {
            refuse = true;
        }
        if (refuse) {
            reject(session, entry, out, OOM_ERROR);
        }
        return refuse;
    }

    /**
     * Inside MULTI, queues the command (+QUEUED) instead of running it; MULTI, EXEC, DISCARD, WATCH,
     * QUIT and RESET run at once, as in Redis (they act on the transaction itself or the connection).
     */
    private boolean queueIfInMulti(Session session, CommandTable.Entry entry, Argv argv, ReplyWriter out) {
        if (!session.inMulti() || RUN_INSIDE_MULTI.contains(entry.fullName)) {
            return false;
        }
        session.transaction().queue(entry, argv);
        out.raw(QUEUED);
        return true;
    }

    /** A request refused before it could run or be queued: inside MULTI, EXEC will abort (Redis's flagTransaction). */
    private static void reject(Session session) {
        if (session.inMulti()) {
            session.transaction().flagError();
        }
    }

    /**
     * Refuses a known command with {@code error} ("CODE message"). A refused EXEC ends the
     * transaction, whether one is open or not, and says why as Redis's execCommandAbort does:
     * {@code -EXECABORT Transaction discarded because of: <message>} (the ERR code dropped).
     */
    private void reject(Session session, CommandTable.Entry entry, ReplyWriter out, String error) {
        reject(session);
        entry.rejectedCalls++;
        int mark = out.size();
        if ("exec".equals(entry.fullName)) {
            session.transaction().discard(); // also forgets the watches, as Redis's discardTransaction
            out.error("EXECABORT Transaction discarded because of: "
                    + (error.startsWith("ERR ") ? error.substring(4) : error));
        } else {
            out.error(error);
        }
        engine.errorStats().countIfError(out, mark);
    }

    // ---- errors ---------------------------------------------------------------------------

    /**
     * {@code -ERR unknown command 'NAME', with args beginning with: 'a' 'b' }: the name cut at 128
     * bytes; arguments appended while the preview is under 128 bytes, each cut to what is left of
     * that budget; CR and LF become spaces so the error stays one line. Built from raw bytes so
     * binary names are echoed exactly.
     */
    static byte[] unknownCommand(Argv argv) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        b.writeBytes("-ERR unknown command '".getBytes(StandardCharsets.US_ASCII));
        appendSanitized(b, argv, 0, Math.min(argv.length(0), PREVIEW));
        b.writeBytes("', with args beginning with: ".getBytes(StandardCharsets.US_ASCII));
        int preview = 0;
        for (int i = 1; i < argv.count() && preview < PREVIEW; i++) {
            int n = Math.min(argv.length(i), PREVIEW - preview);
            b.write('\'');
            appendSanitized(b, argv, i, n);
            b.write('\'');
            b.write(' ');
            preview += n + 3;
        }
        b.write('\r');
        b.write('\n');
        return b.toByteArray();
    }

    /** {@code -ERR unknown subcommand 'foo'. Try CLIENT HELP.} */
    static byte[] unknownSubcommand(CommandTable.Entry container, Argv argv) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        b.writeBytes("-ERR unknown subcommand '".getBytes(StandardCharsets.US_ASCII));
        appendSanitized(b, argv, 1, Math.min(argv.length(1), PREVIEW));
        b.writeBytes(("'. Try " + container.fullName.toUpperCase(Locale.ROOT) + " HELP.\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    private static void appendSanitized(ByteArrayOutputStream b, Argv argv, int i, int n) {
        for (int j = 0; j < n; j++) {
            byte c = argv.byteAt(i, j);
            b.write(c == '\r' || c == '\n' ? ' ' : c);
        }
    }

    // ---- cross-protocol scripting guard ----------------------------------------------------

    /** An HTTP request sent to Redis (a browser tricked into it) starts with POST or a Host: header. */
    private static boolean isCrossProtocolAttack(Argv argv) {
        return argv.equalsIgnoreCase(0, "post") || argv.equalsIgnoreCase(0, "host:");
    }

    private static void warnSecurityAttack(long now) {
        long last = lastSecurityWarning.get();
        if (now - last > SECURITY_WARNING_INTERVAL_MS && lastSecurityWarning.compareAndSet(last, now)) {
            LOG.log(System.Logger.Level.WARNING, "Possible SECURITY ATTACK detected. It looks like somebody is "
                    + "sending POST or Host: commands to Redis. This is likely due to an attacker attempting to "
                    + "use Cross Protocol Scripting to compromise your Redis instance. Connection aborted.");
        }
    }
}
