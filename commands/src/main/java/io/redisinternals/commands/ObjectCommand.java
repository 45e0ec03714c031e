package io.redisinternals.commands;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.command.CommandReplies;

import io.redisinternals.keyspace.dict.KeyTable;
import io.redisinternals.keyspace.Lookup;
import io.redisinternals.keyspace.Keyspace;
import io.redisinternals.keyspace.types.StringValue;
import io.redisinternals.keyspace.types.ValueType;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Numbers;
import io.redisinternals.resp.Replies;

/**
 * OBJECT ENCODING / IDLETIME / FREQ / REFCOUNT / HELP: what Redis would report about the object
 * holding a key's value. Every subcommand looks the key up without touching it (Redis's
 * LOOKUP_NOTOUCH: asking for the idle time must not reset it) but counts a keyspace hit or miss,
 * and answers null for a missing key.
 */
public final class ObjectCommand {

    private ObjectCommand() {
    }

    private static final byte[] NOT_LFU = Replies.encode("-ERR An LFU maxmemory policy is not selected, access"
            + " frequency not tracked. Please note that when switching between policies at runtime LRU and LFU"
            + " data will take some time to adjust.\r\n");
    private static final byte[] LFU_SELECTED = Replies.encode("-ERR An LFU maxmemory policy is selected, idle"
            + " time not tracked. Please note that when switching between policies at runtime LRU and LFU data"
            + " will take some time to adjust.\r\n");

    /** Redis's OBJ_SHARED_REFCOUNT: the reference count reported for a shared object. */
    private static final long SHARED_REFCOUNT = Integer.MAX_VALUE;
    /** Redis's OBJ_SHARED_INTEGERS: the integers 0 to 9999 are shared objects. */
    private static final long SHARED_INTEGERS = 10_000;

    static CommandSpec spec() {
        return CommandMetadata.container("object")
                .subcommand(CommandMetadata.bind("object|help", ObjectCommand::help))
                .subcommand(CommandMetadata.bind("object|encoding", ObjectCommand::encoding))
                .subcommand(CommandMetadata.bind("object|idletime", ObjectCommand::idletime))
                .subcommand(CommandMetadata.bind("object|freq", ObjectCommand::freq))
                .subcommand(CommandMetadata.bind("object|refcount", ObjectCommand::refcount))
                .build();
    }

    /** OBJECT ENCODING key: the {@link ValueType}'s name for the value's representation. */
    static void encoding(CommandContext ctx, Argv argv) {
        Object value = lookup(ctx, argv);
        if (value == null) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().bulk(ValueType.of(value).encoding(value));
        }
    }

    /**
     * OBJECT IDLETIME key: seconds since the key's last access, from its LRU stamp (so with the
     * cron's resolution, as Redis's cached LRU clock); an error while an LFU policy is selected.
     * The key is looked up before the policy is checked: a missing key is null under any policy.
     */
    static void idletime(CommandContext ctx, Argv argv) {
        KeyTable.Entry<Object> e = inspect(ctx, argv);
        if (e == null) {
            return;
        }
        Keyspace keyspace = ctx.keyspace();
        if (keyspace.lfu()) {
            ctx.reply().raw(LFU_SELECTED);
            return;
        }
        ctx.reply().integer(keyspace.idleSeconds(e.meta()));
    }

    /**
     * OBJECT FREQ key: the key's logarithmic access counter after decay (a new key has
     * {@link Keyspace#LFU_INIT_VAL}); an error unless an LFU policy is selected.
     */
    static void freq(CommandContext ctx, Argv argv) {
        KeyTable.Entry<Object> e = inspect(ctx, argv);
        if (e == null) {
            return;
        }
        Keyspace keyspace = ctx.keyspace();
        if (!keyspace.lfu()) {
            ctx.reply().raw(NOT_LFU);
            return;
        }
        ctx.reply().integer(keyspace.lfuCounter(e.meta()));
    }

    /**
     * OBJECT REFCOUNT key: Redis shares one object per integer 0..9999 (unless a memory limit with an
     * LRU or LFU policy needs per-key stamps) and reports such values with OBJ_SHARED_REFCOUNT; every
     * other value is referenced once. Known difference: Redis decides sharing when the value is
     * stored, we when asked, so after a policy change, or for the unshared integer a COPY makes,
     * Redis can answer 1 where we answer the shared count.
     */
    static void refcount(CommandContext ctx, Argv argv) {
        Object value = lookup(ctx, argv);
        if (value == null) {
            ctx.reply().nullBulk();
            return;
        }
        ctx.reply().integer(isSharedInteger(ctx.keyspace(), value) ? SHARED_REFCOUNT : 1);
    }

    private static boolean isSharedInteger(Keyspace keyspace, Object value) {
        if (!(value instanceof byte[] b) || !keyspace.sharedIntegers() || !"int".equals(StringValue.encoding(b))) {
            return false;
        }
        long v = Numbers.parseStrictLong(b, 0, b.length);
        return v >= 0 && v < SHARED_INTEGERS;
    }

    /** The no-touch lookup of OBJECT's key as an entry (for its stamp); replies null and returns null if missing. */
    /**
     * Redis's objectCommandLookup: a read lookup that leaves the access stamp alone and sends no
     * keymiss event (it still expires the key and counts a hit or miss).
     */
    private static Object lookup(CommandContext ctx, Argv argv) {
        return ctx.lookupRead(argv, 2, Lookup.NO_TOUCH | Lookup.NO_NOTIFY);
    }

    private static KeyTable.Entry<Object> inspect(CommandContext ctx, Argv argv) {
        if (lookup(ctx, argv) == null) {
            ctx.reply().nullBulk();
            return null;
        }
        return ctx.db().peekEntry(argv, 2);
    }

    static void help(CommandContext ctx, Argv argv) {
        CommandReplies.help(ctx.reply(),
                "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "ENCODING <key>",
                "    Return the kind of internal representation used in order to store the value",
                "    associated with a <key>.",
                "FREQ <key>",
                "    Return the access frequency index of the <key>. The returned integer is",
                "    proportional to the logarithm of the recent access frequency of the key.",
                "IDLETIME <key>",
                "    Return the idle time of the <key>, that is the approximated number of",
                "    seconds elapsed since the last access to the key.",
                "REFCOUNT <key>",
                "    Return the number of references of the value associated with the specified",
                "    <key>.",
                "HELP",
                "    Prints this help.");
    }
}
