package io.redisinternals.scripting;

import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandFlag;
import io.redisinternals.command.CommandMetadata;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.NestedCalls;
import io.redisinternals.resp.Argv;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * EVAL, EVALSHA, EVAL_RO and EVALSHA_RO (Redis's evalGenericCommand and scriptPrepareForRun):
 * numkeys checked, the script found or compiled, the shebang's up-front checks, then the run. The
 * command itself is never propagated: the script's writes are, each through the call path, and
 * leave as one MULTI/EXEC (effects replication, the only mode of Redis 7.0).
 */
final class EvalCommands {

    static final String NOSCRIPT = "NOSCRIPT No matching script. Please use EVAL.";
    static final String NOT_AN_INTEGER = "ERR value is not an integer or out of range";
    static final String TOO_MANY_KEYS = "ERR Number of keys can't be greater than number of args";
    static final String NEGATIVE_KEYS = "ERR Number of keys can't be negative";
    static final String WRITE_FLAG_RO = "ERR Can not execute a script with write flag using *_ro command.";
    static final String OOM_SHEBANG = "OOM allow-oom flag is not set on the script, can not run it when used memory > 'maxmemory'";

    private final ScriptEngine engine;

    EvalCommands(ScriptEngine engine) {
        this.engine = engine;
    }

    List<CommandSpec> specs() {
        return List.of(
                CommandMetadata.builder("eval").callFlags((declared, argv) -> callFlags(declared, argv, false))
                        .function((ctx, argv) -> eval(ctx, argv, false, false)).build(),
                CommandMetadata.builder("evalsha").callFlags((declared, argv) -> callFlags(declared, argv, true))
                        .function((ctx, argv) -> eval(ctx, argv, true, false)).build(),
                CommandMetadata.builder("eval_ro").callFlags((declared, argv) -> callFlags(declared, argv, false))
                        .function((ctx, argv) -> eval(ctx, argv, false, true)).build(),
                CommandMetadata.builder("evalsha_ro").callFlags((declared, argv) -> callFlags(declared, argv, true))
                        .function((ctx, argv) -> eval(ctx, argv, true, true)).build());
    }

    /**
     * The flags the dispatcher checks for this call (Redis's evalGetCommandFlags): a script with a
     * shebang, cached or (for EVAL) read from the body, replaces the command's write, denyoom,
     * stale and may-replicate flags with its own (write unless no-writes; denyoom unless
     * allow-oom or no-writes; stale with allow-stale); anything else keeps the declared flags.
     */
    private Set<CommandFlag> callFlags(Set<CommandFlag> declared, Argv argv, boolean bySha) {
        if (argv.count() < 2 || (bySha && argv.length(1) != 40)) {
            return declared;
        }
        ScriptCache.Script cached = engine.cache().get(bySha ? argv.string(1) : Sha1.hex(argv.bytes(1)));
        Shebang shebang;
        if (cached != null) {
            shebang = cached.shebang();
        } else if (bySha) {
            return declared;
        } else {
            try {
                shebang = Shebang.parse(argv.bytes(1));
            } catch (ScriptException e) {
                return declared; // the command itself will reply the error
            }
        }
        return scriptCommandFlags(declared, shebang);
    }

    /** Redis's scriptFlagsToCmdFlags for a script with a shebang; the declared flags without one. */
    static Set<CommandFlag> scriptCommandFlags(Set<CommandFlag> declared, Shebang shebang) {
        if (shebang.has(Shebang.EVAL_COMPAT_MODE)) {
            return declared;
        }
        EnumSet<CommandFlag> flags = declared.isEmpty() ? EnumSet.noneOf(CommandFlag.class) : EnumSet.copyOf(declared);
        flags.removeAll(EnumSet.of(CommandFlag.STALE, CommandFlag.DENYOOM, CommandFlag.WRITE, CommandFlag.MAY_REPLICATE));
        if (!shebang.has(Shebang.ALLOW_OOM) && !shebang.has(Shebang.NO_WRITES)) {
            flags.add(CommandFlag.DENYOOM);
        }
        if (!shebang.has(Shebang.NO_WRITES)) {
            flags.add(CommandFlag.WRITE);
        }
        if (shebang.has(Shebang.ALLOW_STALE)) {
            flags.add(CommandFlag.STALE);
        }
        return flags;
    }

    private void eval(CommandContext ctx, Argv argv, boolean bySha, boolean readOnlyCommand) {
        ctx.preventPropagation();
        try {
            int numkeys = numkeys(argv);
            ScriptCache.Script script;
            if (bySha) {
                script = engine.cache().get(argv.string(1));
                if (script == null) {
                    throw new ScriptException(NOSCRIPT);
                }
            } else {
                script = engine.cache().load(argv.bytes(1));
            }
            int flags = prepare(script.shebang(), readOnlyCommand, ctx.overMaxmemory());
            engine.run(ctx, script, argv, numkeys, flags);
        } catch (ScriptException e) {
            e.reply(ctx.reply());
        }
    }

    /**
     * numkeys (argument 2) in Redis's order: not an integer, more than the arguments that follow,
     * negative.
     */
    static int numkeys(Argv argv) {
        long n;
        try {
            n = argv.longValue(2); // in place: no String per EVALSHA
        } catch (NumberFormatException e) {
            throw new ScriptException(NOT_AN_INTEGER);
        }
        if (n > argv.count() - 3) {
            throw new ScriptException(TOO_MANY_KEYS);
        }
        if (n < 0) {
            throw new ScriptException(NEGATIVE_KEYS);
        }
        return (int) n;
    }

    /**
     * Redis's scriptPrepareForRun for a standalone server: a script with a shebang that may write
     * is refused by a *_RO command, and over maxmemory unless it has allow-oom or no-writes.
     * Returns the flags of its nested calls: read-only for a *_RO command or a no-writes script,
     * allow-oom from the shebang. A script without shebang (compatibility mode) is checked per
     * command only.
     */
    static int prepare(Shebang shebang, boolean readOnlyCommand, boolean overMaxmemory) {
        boolean compat = shebang.has(Shebang.EVAL_COMPAT_MODE);
        if (!compat) {
            if (!shebang.has(Shebang.NO_WRITES) && readOnlyCommand) {
                throw new ScriptException(WRITE_FLAG_RO);
            }
            if (overMaxmemory && !shebang.has(Shebang.ALLOW_OOM) && !shebang.has(Shebang.NO_WRITES)) {
                throw new ScriptException(OOM_SHEBANG);
            }
        }
        int flags = 0;
        if (readOnlyCommand || (!compat && shebang.has(Shebang.NO_WRITES))) {
            flags |= NestedCalls.READ_ONLY;
        }
        if (!compat && shebang.has(Shebang.ALLOW_OOM)) {
            flags |= NestedCalls.ALLOW_OOM;
        }
        return flags;
    }
}
