package io.redisinternals.engine.commands;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.command.CommandReplies;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.engine.EngineContext;
import io.redisinternals.engine.config.Config;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.keyspace.Lookup;
import io.redisinternals.keyspace.dict.GlobMatcher;
import io.redisinternals.keyspace.dict.KeyTable;
import io.redisinternals.keyspace.types.ListValue;
import io.redisinternals.keyspace.types.StringValue;
import io.redisinternals.keyspace.types.TypedValue;
import io.redisinternals.keyspace.types.ValueType;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Numbers;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DEBUG, as redis-server 7.0.15's debugCommand: the subcommands that make sense for a server
 * without persistence, with Redis's replies and errors. Who may run it at all is decided before the
 * call ({@code enable-debug-command}, see the engine's ProtectedCommands).
 *
 * <p>Implemented: HELP, SLEEP, SET-ACTIVE-EXPIRE, PAUSE-CRON, OBJECT, PROTOCOL, CHANGE-REPL-ID,
 * STRINGMATCH-TEST, QUICKLIST-PACKED-THRESHOLD, LISTPACK, QUICKLIST, ERROR, LOG, CLIENT-EVICTION. Every other
 * subcommand Redis has (the crashing ones: SEGFAULT, PANIC, ASSERT, OOM, RESTART,
 * CRASH-AND-RECOVER; the persistence ones: RELOAD, LOADAOF, AOF-FLUSH-SLEEP,
 * SET-SKIP-CHECKSUM-VALIDATION; those about C internals or absent subsystems: SDSLEN, STRUCTSIZE,
 * HTSTATS, HTSTATS-KEY, MALLCTL, MALLCTL-STR, LEAK, DIGEST, DIGEST-VALUE, POPULATE, REPLICATE,
 * REPLYBUFFER, CONFIG-REWRITE-FORCE-ALL, SET-DISABLE-DENY-SCRIPTS,
 * DROP-CLUSTER-PACKET-FILTER, CLUSTERLINK) gets Redis's reply to an unknown subcommand. HELP still
 * lists them all, as the reference of record (Debian's build, with jemalloc) prints it.
 *
 * <p>Like every command, DEBUG runs under the execution lock: SLEEP and STRINGMATCH-TEST stop the
 * whole server for their duration, as they stop redis-server.
 */
public final class DebugCommand {

    private static final System.Logger LOG = System.getLogger(DebugCommand.class.getName());

    /** Redis's LOG_MAX_LEN: serverLog cuts a line at 1024 bytes. */
    private static final int LOG_MAX_LEN = 1024;
    /** Redis's %.128s in addReplySubcommandSyntaxError. */
    private static final int PREVIEW = 128;
    /** stringmatchlen_fuzz_test's cycles and buffer size. */
    private static final int FUZZ_CYCLES = 10_000_000;
    private static final int FUZZ_LEN = 32;
    /** Redis's OBJ_SHARED_REFCOUNT and OBJ_SHARED_INTEGERS (see ObjectCommand.refcount). */
    private static final long SHARED_REFCOUNT = Integer.MAX_VALUE;
    private static final long SHARED_INTEGERS = 10_000;

    private static final byte[] NO_SUCH_KEY = Replies.encode("-ERR no such key\r\n");
    private static final String PROTOCOL_TYPES = "Wrong protocol type name. Please use one of the following:"
            + " string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false";

    private DebugCommand() {
    }

    public static CommandSpec spec() {
        return CommandMetadata.bind("debug", EngineContext.bind(DebugCommand::debug));
    }

    /**
     * Dispatches on the subcommand as Redis's if-chain does: a subcommand is recognised only with
     * its exact argument count, anything else is the one "unknown subcommand or wrong number of
     * arguments" error.
     */
    static void debug(EngineContext ctx, Argv argv) {
        int argc = argv.count();
        if (argc == 2 && argv.equalsIgnoreCase(1, "help")) {
            help(ctx);
        } else if (argc == 3 && argv.equalsIgnoreCase(1, "log")) {
            log(ctx, argv);
        } else if (argc == 3 && argv.equalsIgnoreCase(1, "object")) {
            object(ctx, argv);
        } else if (argc == 3 && argv.equalsIgnoreCase(1, "listpack")) {
            listpack(ctx, argv);
        } else if ((argc == 3 || argc == 4) && argv.equalsIgnoreCase(1, "quicklist")) {
            quicklist(ctx, argv);
        } else if (argc == 3 && argv.equalsIgnoreCase(1, "protocol")) {
            protocol(ctx, argv);
        } else if (argc == 3 && argv.equalsIgnoreCase(1, "sleep")) {
            sleep(ctx, argv);
        } else if (argc == 3 && argv.equalsIgnoreCase(1, "set-active-expire")) {
            ctx.engine().activeExpireEnabled(atoi(argv.bytes(2)) != 0);
            ctx.reply().raw(Replies.OK);
        } else if (argc == 3 && argv.equalsIgnoreCase(1, "quicklist-packed-threshold")) {
            quicklistPackedThreshold(ctx, argv);
        } else if (argc == 3 && argv.equalsIgnoreCase(1, "error")) {
            error(ctx, argv);
        } else if (argc == 2 && argv.equalsIgnoreCase(1, "change-repl-id")) {
            LOG.log(System.Logger.Level.WARNING, "Changing replication IDs after receiving DEBUG change-repl-id");
            ctx.engine().changeReplicationId();
            ctx.reply().raw(Replies.OK);
        } else if (argc == 2 && argv.equalsIgnoreCase(1, "stringmatch-test")) {
            stringmatchTest(ctx);
        } else if (argc == 2 && argv.equalsIgnoreCase(1, "client-eviction")) {
            String report = ctx.engine().clientEviction().bucketReport();
            if (report == null) {
                ctx.reply().error("ERR maxmemory-clients is disabled.");
            } else {
                ctx.reply().verbatim("txt", report.getBytes(StandardCharsets.US_ASCII));
            }
        } else if (argc >= 2 && argv.equalsIgnoreCase(1, "reload")) {
            ctx.engine().persistence().debugReload(ctx, argv);
        } else if (argc >= 2 && argv.equalsIgnoreCase(1, "loadaof")) {
            ctx.engine().persistence().debugLoadAof(ctx);
        } else if (argc == 3 && argv.equalsIgnoreCase(1, "pause-cron")) {
            ctx.engine().cronPaused(atoi(argv.bytes(2)) != 0);
            ctx.reply().raw(Replies.OK);
        } else {
            ctx.reply().raw(syntaxError(argv));
        }
    }

    // ---- subcommands --------------------------------------------------------------------------

    /** DEBUG LOG message: one warning line {@code DEBUG LOG: <message>}, cut at Redis's line limit. */
    private static void log(EngineContext ctx, Argv argv) {
        byte[] m = argv.bytes(2);
        String prefix = "DEBUG LOG: ";
        int n = Math.min(cString(m), LOG_MAX_LEN - 1 - prefix.length());
        LOG.log(System.Logger.Level.WARNING, prefix + new String(m, 0, n, StandardCharsets.UTF_8));
        ctx.reply().raw(Replies.OK);
    }

    /**
     * DEBUG OBJECT key: Redis's one status line about the value, read straight from the key table
     * as Redis's dictFind (no lazy expiry, no hit/miss, no access stamp: a logically expired key is
     * still shown). Fields we compute as Redis: refcount (shared small integers as OBJECT REFCOUNT),
     * encoding, lru (the entry's 24-bit stamp, Redis's robj.lru, an LFU stamp under an LFU policy),
     * lru_seconds_idle, and for lists ql_nodes, ql_avg_node, ql_listpack_max. Fields that differ by
     * nature: {@code Value at} is not an address (there is none to show) but a stand-in derived from
     * the value object's identity hash, stable while that object lives; serializedlength is the
     * value's RDB serialisation length as persistence measures it (0 without persistence); ql_compressed is 0 (list-compress-depth is accepted
     * and ignored, nothing is compressed) and ql_uncompressed_size counts the bytes of our own
     * packed chunks, not of listpacks.
     */
    private static void object(EngineContext ctx, Argv argv) {
        KeyTable.Entry<Object> e = ctx.db().peekEntry(argv, 2);
        if (e == null) {
            ctx.reply().raw(NO_SUCH_KEY);
            return;
        }
        Object value = e.value();
        Keyspace keyspace = ctx.keyspace();
        int lru = e.meta() & Keyspace.LRU_CLOCK_MAX;
        StringBuilder sb = new StringBuilder(160);
        sb.append("Value at:").append(fakeAddress(value))
                .append(" refcount:").append(isSharedInteger(keyspace, value) ? SHARED_REFCOUNT : 1)
                .append(" encoding:").append(ValueType.of(value).encoding(value))
                .append(" serializedlength:").append(ctx.engine().persistence().serializedLength(value))
                .append(" lru:").append(lru)
                .append(" lru_seconds_idle:").append(keyspace.idleSeconds(lru));
        if (value instanceof ListValue list) {
            int nodes = list.chunkCount();
            int fill = ListValue.clampFill((int) ctx.configLong("list-max-listpack-size"));
            sb.append(" ql_nodes:").append(nodes)
                    .append(" ql_avg_node:").append(twoDecimals((double) list.size() / nodes))
                    .append(" ql_listpack_max:").append(fill)
                    .append(" ql_compressed:0")
                    .append(" ql_uncompressed_size:").append(list.packedBytes());
        }
        ctx.reply().simpleString(sb.toString());
    }

    /**
     * A pointer-like hex number for {@code Value at}: 0x7f0000000000 plus the identity hash times
     * 16 (an aligned "address"), so the same value object prints the same number. Not an address.
     */
    private static String fakeAddress(Object value) {
        long hash = System.identityHashCode(value) & 0xFFFF_FFFFL;
        return "0x" + Long.toHexString(0x7F00_0000_0000L + (hash << 4));
    }

    private static boolean isSharedInteger(Keyspace keyspace, Object value) {
        if (!(value instanceof byte[] b) || !keyspace.sharedIntegers() || !"int".equals(StringValue.encoding(b))) {
            return false;
        }
        long v = Numbers.parseStrictLong(b, 0, b.length);
        return v >= 0 && v < SHARED_INTEGERS;
    }

    /** C's {@code %.2f}: the exact binary value rounded half-even (glibc), not Java's half-up. */
    static String twoDecimals(double d) {
        return new BigDecimal(d).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * DEBUG LISTPACK key: Redis prints the listpack's bytes on its stdout and answers a status; we
     * log a summary of our compact form (there are no listpack bytes to dump) and answer the same.
     * The key is looked up as OBJECT does (lazy expiry and hit/miss, no touch, no keymiss event).
     */
    private static void listpack(EngineContext ctx, Argv argv) {
        Object value = ctx.lookupRead(argv, 2, Lookup.NO_TOUCH | Lookup.NO_NOTIFY);
        if (value == null) {
            ctx.reply().raw(NO_SUCH_KEY);
        } else if (!"listpack".equals(ValueType.of(value).encoding(value))) {
            ctx.reply().error("ERR Not a listpack encoded object.");
        } else {
            logStructure("LISTPACK", argv, value);
            ctx.reply().simpleString("Listpack structure printed on stdout");
        }
    }

    /** DEBUG QUICKLIST key [0|1]: as {@link #listpack} for a list (the detail level is ignored). */
    private static void quicklist(EngineContext ctx, Argv argv) {
        Object value = ctx.lookupRead(argv, 2, Lookup.NO_TOUCH | Lookup.NO_NOTIFY);
        if (value == null) {
            ctx.reply().raw(NO_SUCH_KEY);
        } else if (!(value instanceof ListValue)) {
            ctx.reply().error("ERR Not a quicklist encoded object.");
        } else {
            logStructure("QUICKLIST", argv, value);
            ctx.reply().simpleString("Quicklist structure printed on stdout");
        }
    }

    private static void logStructure(String what, Argv argv, Object value) {
        String summary = value instanceof ListValue list
                ? list.chunkCount() + " chunks, " + list.size() + " elements, " + list.packedBytes() + " bytes"
                : ((TypedValue) value).size() + " elements";
        LOG.log(System.Logger.Level.INFO, "DEBUG " + what + " " + printable(argv.bytes(2)) + ": "
                + ValueType.of(value).encoding(value) + ", " + summary);
    }

    /**
     * DEBUG PROTOCOL type: a sample of each RESP type, as Redis sends it to a RESP2 or a RESP3
     * client (RESP2 downgrades: double, bignum and verbatim as bulk strings, booleans as 1/0, map
     * and set as arrays, null as the null bulk; an attribute is left out, a push refused).
     */
    private static void protocol(EngineContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        if (argv.equalsIgnoreCase(2, "string")) {
            out.bulk("Hello World");
        } else if (argv.equalsIgnoreCase(2, "integer")) {
            out.integer(12345);
        } else if (argv.equalsIgnoreCase(2, "double")) {
            out.doubleValue(3.141);
        } else if (argv.equalsIgnoreCase(2, "bignum")) {
            out.bigNumber("1234567999999999999999999999999999999");
        } else if (argv.equalsIgnoreCase(2, "null")) {
            out.nullBulk();
        } else if (argv.equalsIgnoreCase(2, "array")) {
            out.arrayHeader(3).integer(0).integer(1).integer(2);
        } else if (argv.equalsIgnoreCase(2, "set")) {
            out.setHeader(3).integer(0).integer(1).integer(2);
        } else if (argv.equalsIgnoreCase(2, "map")) {
            out.mapHeader(3);
            for (int j = 0; j < 3; j++) {
                out.integer(j).bool(j == 1);
            }
        } else if (argv.equalsIgnoreCase(2, "attrib")) {
            if (out.attributeHeader(1)) {
                out.bulk("key-popularity").arrayHeader(2).bulk("key:123").integer(90);
            }
            // an attribute annotates a reply; a well-formed one is followed by it
            out.bulk("Some real reply following the attribute");
        } else if (argv.equalsIgnoreCase(2, "push")) {
            if (!out.isResp3()) {
                out.error("ERR RESP2 is not supported by this command");
                return;
            }
            out.pushHeader(2).bulk("server-cpu-usage").integer(42);
            // a push is out of band: a client waiting for a reply needs a real one after it
            out.bulk("Some real reply following the push reply");
        } else if (argv.equalsIgnoreCase(2, "true")) {
            out.bool(true);
        } else if (argv.equalsIgnoreCase(2, "false")) {
            out.bool(false);
        } else if (argv.equalsIgnoreCase(2, "verbatim")) {
            out.verbatim("txt", "This is a verbatim\nstring".getBytes(StandardCharsets.US_ASCII));
        } else {
            out.error("ERR " + PROTOCOL_TYPES);
        }
    }

    /**
     * DEBUG SLEEP seconds: stops the server (this thread holds the execution lock) for that long,
     * then +OK. The argument is read as Redis's {@code strtod(arg, NULL)}: the longest number at
     * its start, 0 when there is none, no error ever. As Redis converts seconds times 10^6 to a C
     * long long, a value that does not fit (inf, nan, 1e30) becomes a negative time there (x86's
     * conversion result) and nanosleep refuses it at once: no sleep either. An interrupt ends the
     * sleep early with +OK, as a signal ends Redis's nanosleep.
     */
    private static void sleep(EngineContext ctx, Argv argv) {
        double seconds = strtod(argv.string(2));
        double micros = seconds * 1_000_000;
        if (micros >= 1 && micros < 0x1p63) {
            long us = (long) micros;
            try {
                Thread.sleep(us / 1000, (int) (us % 1000) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ctx.reply().raw(Replies.OK);
    }

    /**
     * DEBUG QUICKLIST-PACKED-THRESHOLD size: validated as Redis does (a memory value, at most 4 GiB
     * minus 1 MiB; 0 restores the 1 GiB default). Redis stores an element at or above it in a
     * "plain" node of its own; our chunks keep any element whole already and have no plain/packed
     * distinction, so the value changes nothing here.
     */
    private static void quicklistPackedThreshold(EngineContext ctx, Argv argv) {
        long size;
        try {
            size = Config.memtoull(argv.string(2));
        } catch (IllegalArgumentException e) {
            size = -1; // as any value past the limit: refused below
        }
        if (Long.compareUnsigned(size, (1L << 32) - (1 << 20)) > 0) {
            ctx.reply().error("ERR argument must be a memory value bigger than 1 and smaller than 4gb");
        } else {
            ctx.reply().raw(Replies.OK);
        }
    }

    /**
     * DEBUG ERROR text: {@code -<text>} verbatim (the text is the whole error, code included), CR
     * and LF turned into spaces. Known difference: Redis writes it without its error bookkeeping, so
     * it is not counted in INFO errorstats and failed_calls; our call path counts every error reply.
     */
    private static void error(EngineContext ctx, Argv argv) {
        byte[] text = argv.bytes(2);
        byte[] line = new byte[text.length + 3];
        line[0] = '-';
        for (int i = 0; i < text.length; i++) {
            byte b = text[i];
            line[i + 1] = b == '\r' || b == '\n' ? (byte) ' ' : b;
        }
        line[line.length - 2] = '\r';
        line[line.length - 1] = '\n';
        ctx.reply().raw(line);
    }

    /**
     * DEBUG STRINGMATCH-TEST: Redis's fuzz test of its glob matcher (10 million random patterns and
     * subjects of up to 31 bytes 0..127, case-sensitive), run on ours; it passes unless the matcher
     * throws, which the call path would turn into an error reply.
     */
    private static void stringmatchTest(EngineContext ctx) {
        SplittableRandom rnd = new SplittableRandom();
        byte[] str = new byte[FUZZ_LEN];
        byte[] pat = new byte[FUZZ_LEN];
        long matches = 0;
        for (int cycle = 0; cycle < FUZZ_CYCLES; cycle++) {
            int strlen = rnd.nextInt(FUZZ_LEN);
            int patlen = rnd.nextInt(FUZZ_LEN);
            for (int j = 0; j < strlen; j++) {
                str[j] = (byte) rnd.nextInt(128);
            }
            for (int j = 0; j < patlen; j++) {
                pat[j] = (byte) rnd.nextInt(128);
            }
            matches += GlobMatcher.matches(pat, 0, patlen, str, 0, strlen, false) ? 1 : 0;
        }
        LOG.log(System.Logger.Level.DEBUG, "DEBUG STRINGMATCH-TEST: " + matches + " matches");
        ctx.reply().simpleString("Apparently Redis did not crash: test passed");
    }

    private static void help(EngineContext ctx) {
        CommandReplies.help(ctx.reply(),
                "DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "AOF-FLUSH-SLEEP <microsec>",
                "    Server will sleep before flushing the AOF, this is used for testing.",
                "ASSERT",
                "    Crash by assertion failed.",
                "CHANGE-REPL-ID",
                "    Change the replication IDs of the instance.",
                "    Dangerous: should be used only for testing the replication subsystem.",
                "CONFIG-REWRITE-FORCE-ALL",
                "    Like CONFIG REWRITE but writes all configuration options, including",
                "    keywords not listed in original configuration file or default values.",
                "CRASH-AND-RECOVER [<milliseconds>]",
                "    Hard crash and restart after a <milliseconds> delay (default 0).",
                "DIGEST",
                "    Output a hex signature representing the current DB content.",
                "DIGEST-VALUE <key> [<key> ...]",
                "    Output a hex signature of the values of all the specified keys.",
                "ERROR <string>",
                "    Return a Redis protocol error with <string> as message. Useful for clients",
                "    unit tests to simulate Redis errors.",
                "LEAK <string>",
                "    Create a memory leak of the input string.",
                "LOG <message>",
                "    Write <message> to the server log.",
                "HTSTATS <dbid>",
                "    Return hash table statistics of the specified Redis database.",
                "HTSTATS-KEY <key>",
                "    Like HTSTATS but for the hash table stored at <key>'s value.",
                "LOADAOF",
                "    Flush the AOF buffers on disk and reload the AOF in memory.",
                "REPLICATE <string>",
                "    Replicates the provided string to replicas, allowing data divergence.",
                "MALLCTL <key> [<val>]",
                "    Get or set a malloc tuning integer.",
                "MALLCTL-STR <key> [<val>]",
                "    Get or set a malloc tuning string.",
                "OBJECT <key>",
                "    Show low level info about `key` and associated value.",
                "DROP-CLUSTER-PACKET-FILTER <packet-type>",
                "    Drop all packets that match the filtered type. Set to -1 allow all packets.",
                "OOM",
                "    Crash the server simulating an out-of-memory error.",
                "PANIC",
                "    Crash the server simulating a panic.",
                "POPULATE <count> [<prefix>] [<size>]",
                "    Create <count> string keys named key:<num>. If <prefix> is specified then",
                "    it is used instead of the 'key' prefix. These are not propagated to",
                "    replicas. Cluster slots are not respected so keys not belonging to the",
                "    current node can be created in cluster mode.",
                "PROTOCOL <type>",
                "    Reply with a test value of the specified type. <type> can be: string,",
                "    integer, double, bignum, null, array, set, map, attrib, push, verbatim,",
                "    true, false.",
                "RELOAD [option ...]",
                "    Save the RDB on disk and reload it back to memory. Valid <option> values:",
                "    * MERGE: conflicting keys will be loaded from RDB.",
                "    * NOFLUSH: the existing database will not be removed before load, but",
                "      conflicting keys will generate an exception and kill the server.",
                "    * NOSAVE: the database will be loaded from an existing RDB file.",
                "    Examples:",
                "    * DEBUG RELOAD: verify that the server is able to persist, flush and reload",
                "      the database.",
                "    * DEBUG RELOAD NOSAVE: replace the current database with the contents of an",
                "      existing RDB file.",
                "    * DEBUG RELOAD NOSAVE NOFLUSH MERGE: add the contents of an existing RDB",
                "      file to the database.",
                "RESTART [<milliseconds>]",
                "    Graceful restart: save config, db, restart after a <milliseconds> delay (default 0).",
                "SDSLEN <key>",
                "    Show low level SDS string info representing `key` and value.",
                "SEGFAULT",
                "    Crash the server with sigsegv.",
                "SET-ACTIVE-EXPIRE <0|1>",
                "    Setting it to 0 disables expiring keys in background when they are not",
                "    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the",
                "    default.",
                "QUICKLIST-PACKED-THRESHOLD <size>",
                "    Sets the threshold for elements to be inserted as plain vs packed nodes",
                "    Default value is 1GB, allows values up to 4GB. Setting to 0 restores to default.",
                "SET-SKIP-CHECKSUM-VALIDATION <0|1>",
                "    Enables or disables checksum checks for RDB files and RESTORE's payload.",
                "SLEEP <seconds>",
                "    Stop the server for <seconds>. Decimals allowed.",
                "STRINGMATCH-TEST",
                "    Run a fuzz tester against the stringmatchlen() function.",
                "STRUCTSIZE",
                "    Return the size of different Redis core C structures.",
                "LISTPACK <key>",
                "    Show low level info about the listpack encoding of <key>.",
                "QUICKLIST <key> [<0|1>]",
                "    Show low level info about the quicklist encoding of <key>.",
                "    The optional argument (0 by default) sets the level of detail",
                "CLIENT-EVICTION",
                "    Show low level client eviction pools info (maxmemory-clients).",
                "PAUSE-CRON <0|1>",
                "    Stop periodic cron job processing.",
                "REPLYBUFFER PEAK-RESET-TIME <NEVER||RESET|time>",
                "    Sets the time (in milliseconds) to wait between client reply buffer peak resets.",
                "    In case NEVER is provided the last observed peak will never be reset",
                "    In case RESET is provided the peak reset time will be restored to the default value",
                "REPLYBUFFER RESIZING <0|1>",
                "    Enable or disable the reply buffer resize cron job",
                "CLUSTERLINK KILL <to|from|all> <node-id>",
                "    Kills the link based on the direction to/from (both) with the provided node.",
                "HELP",
                "    Prints this help.");
    }

    // ---- C parsing as Redis's calls do it ------------------------------------------------------

    /**
     * {@code -ERR unknown subcommand or wrong number of arguments for '<sub>'. Try DEBUG HELP.}, as
     * Redis's addReplySubcommandSyntaxError: the subcommand as a C string (up to a NUL byte), cut
     * at 128 bytes, CR and LF turned into spaces.
     */
    static byte[] syntaxError(Argv argv) {
        byte[] sub = argv.bytes(1);
        int n = Math.min(cString(sub), PREVIEW);
        ByteArrayOutputStream b = new ByteArrayOutputStream(96 + n);
        b.writeBytes("-ERR unknown subcommand or wrong number of arguments for '".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < n; i++) {
            b.write(sub[i] == '\r' || sub[i] == '\n' ? ' ' : sub[i]);
        }
        b.writeBytes("'. Try DEBUG HELP.\r\n".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    /** The length of {@code b} read as a C string: up to its first NUL byte. */
    private static int cString(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return b.length;
    }

    /**
     * C's {@code atoi}, i.e. {@code (int) strtol(s, NULL, 10)}: leading white space, a sign, digits
     * (none: 0), stopping at anything else; past the long range strtol saturates, and the cast to
     * int keeps the low 32 bits (so 4294967296 is 0, as in Redis on 64-bit Linux).
     */
    static int atoi(byte[] s) {
        int i = 0;
        int n = cString(s);
        while (i < n && isSpace(s[i])) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s[i] == '+' || s[i] == '-')) {
            negative = s[i] == '-';
            i++;
        }
        long v = 0;
        boolean overflow = false;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
            int d = s[i] - '0';
            if (!overflow && v > (Long.MAX_VALUE - d) / 10) {
                overflow = true;
            } else if (!overflow) {
                v = v * 10 + d;
            }
        }
        long l = overflow ? (negative ? Long.MIN_VALUE : Long.MAX_VALUE) : negative ? -v : v;
        return (int) l;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX = Pattern.compile("([+-]?)0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)"
            + "([pP][+-]?\\d+)?");
    private static final Pattern SPECIAL = Pattern.compile("[+-]?(?i:(inf(inity)?)|(nan))");

    /**
     * C's {@code strtod(s, NULL)}: the longest prefix (after white space) that is a decimal or
     * hexadecimal floating-point number, an infinity or a NaN; 0 when there is none. The value is
     * only compared and multiplied, so a NaN's payload and an exponent's exact overflow behaviour
     * do not matter.
     */
    static double strtod(String s) {
        int i = 0;
        while (i < s.length() && isSpace((byte) s.charAt(i))) {
            i++;
        }
        String t = s.substring(i);
        Matcher hex = HEX.matcher(t);
        if (hex.lookingAt()) {
            String exponent = hex.group(3) == null ? "p0" : hex.group(3);
            try {
                return Double.parseDouble(hex.group(1) + "0x" + hex.group(2) + exponent);
            } catch (NumberFormatException exponentPastInt) {
                // strtod gives inf or 0 there; neither sleeps, so which one does not matter
                return Double.POSITIVE_INFINITY;
            }
        }
        Matcher dec = DECIMAL.matcher(t);
        if (dec.lookingAt()) {
            return Double.parseDouble(dec.group());
        }
        Matcher special = SPECIAL.matcher(t);
        if (special.lookingAt()) {
            boolean negative = t.startsWith("-");
            if (special.group(3) != null) {
                return Double.NaN;
            }
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return 0;
    }

    /** Arbitrary key bytes for a log line: printable ASCII as is, the rest as \xHH, at most 128 bytes. */
    private static String printable(byte[] key) {
        StringBuilder sb = new StringBuilder();
        int n = Math.min(key.length, PREVIEW);
        for (int i = 0; i < n; i++) {
            int c = key[i] & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append(String.format(Locale.ROOT, "\\x%02x", c));
            }
        }
        return key.length > n ? sb.append("...").toString() : sb.toString();
    }
}
