package io.redisinternals.commands;

import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.StringValue;
import io.redisinternals.keyspace.ValueType;
import io.redisinternals.keyspace.GlobMatcher;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandDocs.Arg;
import io.redisinternals.command.CommandFlag;
import io.redisinternals.command.CommandGroup;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeyEvent;
import io.redisinternals.command.KeySpec;
import io.redisinternals.keyspace.Lookup;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Commands on keys of any type (Redis's "generic" group, {@code db.c}/{@code expire.c}). */
public final class KeyCommands {

    private KeyCommands() {
    }

    private static final List<String> MULTI_SHARD_SUM_TIPS =
            List.of("request_policy:multi_shard", "response_policy:agg_sum");

    private static final byte[] NO_SUCH_KEY = Replies.encode("-ERR no such key\r\n");
    private static final byte[] TYPE_NONE = Replies.encode("+none\r\n");

    /** The generic key commands, with redis-server 7.0.15's metadata. */
    public static List<CommandSpec> specs() {
        return List.of(
                CommandSpec.builder("del")
                        .arity(-2)
                        .flags(CommandFlag.WRITE)
                        .acl("keyspace", "write", "slow")
                        .tips(MULTI_SHARD_SUM_TIPS.toArray(String[]::new))
                        .key(KeySpec.toEnd(1, 1, "RM", "delete"))
                        .group(CommandGroup.GENERIC)
                        .summary("Delete a key")
                        .since("1.0.0")
                        .complexity("O(N) where N is the number of keys that will be removed. When a key to remove"
                                + " holds a value other than a string, the individual complexity for this key is O(M)"
                                + " where M is the number of elements in the list, set, sorted set or hash. Removing a"
                                + " single key that holds a string value is O(1).")
                        .arg(keys())
                        .function(KeyCommands::del)
                        .build(),
                CommandSpec.builder("exists")
                        .arity(-2)
                        .flags(CommandFlag.READONLY, CommandFlag.FAST)
                        .acl("keyspace", "read", "fast")
                        .tips(MULTI_SHARD_SUM_TIPS.toArray(String[]::new))
                        .key(KeySpec.toEnd(1, 1, "RO"))
                        .group(CommandGroup.GENERIC)
                        .summary("Determine if a key exists")
                        .since("1.0.0")
                        .complexity("O(N) where N is the number of keys to check.")
                        .history("3.0.3", "Accepts multiple `key` arguments.")
                        .arg(keys())
                        .function(KeyCommands::exists)
                        .build(),
                CommandSpec.builder("unlink")
                        .arity(-2)
                        .flags(CommandFlag.WRITE, CommandFlag.FAST)
                        .acl("keyspace", "write", "fast")
                        .tips(MULTI_SHARD_SUM_TIPS.toArray(String[]::new))
                        .key(KeySpec.toEnd(1, 1, "RM", "delete"))
                        .group(CommandGroup.GENERIC)
                        .summary("Delete a key asynchronously in another thread. Otherwise it is just as DEL, but"
                                + " non blocking.")
                        .since("4.0.0")
                        .complexity("O(1) for each key removed regardless of its size. Then the command does O(N)"
                                + " work in a different thread in order to reclaim memory, where N is the number of"
                                + " allocations the deleted objects where composed of.")
                        .arg(keys())
                        .function(KeyCommands::del)
                        .build(),
                CommandSpec.builder("touch")
                        .arity(-2)
                        .flags(CommandFlag.READONLY, CommandFlag.FAST)
                        .acl("keyspace", "read", "fast")
                        .tips(MULTI_SHARD_SUM_TIPS.toArray(String[]::new))
                        .key(KeySpec.toEnd(1, 1, "RO"))
                        .group(CommandGroup.GENERIC)
                        .summary("Alters the last access time of a key(s). Returns the number of existing keys"
                                + " specified.")
                        .since("3.2.1")
                        .complexity("O(N) where N is the number of keys that will be touched.")
                        .arg(keys())
                        .function(KeyCommands::touch)
                        .build(),
                CommandSpec.builder("type")
                        .arity(2)
                        .flags(CommandFlag.READONLY, CommandFlag.FAST)
                        .acl("keyspace", "read", "fast")
                        .key(KeySpec.single(1, "RO"))
                        .group(CommandGroup.GENERIC)
                        .summary("Determine the type stored at key")
                        .since("1.0.0")
                        .complexity("O(1)")
                        .arg(key("key", 0))
                        .function(KeyCommands::type)
                        .build(),
                CommandSpec.builder("rename")
                        .arity(3)
                        .flags(CommandFlag.WRITE)
                        .acl("keyspace", "write", "slow")
                        .key(KeySpec.single(1, "RW", "access", "delete"))
                        .key(KeySpec.single(2, "OW", "update"))
                        .group(CommandGroup.GENERIC)
                        .summary("Rename a key")
                        .since("1.0.0")
                        .complexity("O(1)")
                        .arg(key("key", 0))
                        .arg(key("newkey", 1))
                        .function(KeyCommands::rename)
                        .build(),
                CommandSpec.builder("renamenx")
                        .arity(3)
                        .flags(CommandFlag.WRITE, CommandFlag.FAST)
                        .acl("keyspace", "write", "fast")
                        .key(KeySpec.single(1, "RW", "access", "delete"))
                        .key(KeySpec.single(2, "OW", "insert"))
                        .group(CommandGroup.GENERIC)
                        .summary("Rename a key, only if the new key does not exist")
                        .since("1.0.0")
                        .complexity("O(1)")
                        .history("3.2.0", "The command no longer returns an error when source and destination"
                                + " names are the same.")
                        .arg(key("key", 0))
                        .arg(key("newkey", 1))
                        .function(KeyCommands::renamenx)
                        .build(),
                CommandSpec.builder("keys")
                        .arity(2)
                        .flags(CommandFlag.READONLY)
                        .acl("keyspace", "read", "slow", "dangerous")
                        .tips("request_policy:all_shards", "nondeterministic_output_order")
                        .group(CommandGroup.GENERIC)
                        .summary("Find all keys matching the given pattern")
                        .since("1.0.0")
                        .complexity("O(N) with N being the number of keys in the database, under the assumption"
                                + " that the key names in the database and the given pattern have limited length.")
                        .arg(new Arg("pattern", "pattern", -1, null, null, Set.of(), List.of()))
                        .function(KeyCommands::keysCommand)
                        .build(),
                CommandSpec.builder("randomkey")
                        .arity(1)
                        .flags(CommandFlag.READONLY)
                        .acl("keyspace", "read", "slow")
                        .tips("request_policy:all_shards", "nondeterministic_output")
                        .group(CommandGroup.GENERIC)
                        .summary("Return a random key from the keyspace")
                        .since("1.0.0")
                        .complexity("O(1)")
                        .function(KeyCommands::randomkey)
                        .build(),
                CommandSpec.builder("scan")
                        .arity(-2)
                        .flags(CommandFlag.READONLY)
                        .acl("keyspace", "read", "slow")
                        .tips("nondeterministic_output", "request_policy:special")
                        .group(CommandGroup.GENERIC)
                        .summary("Incrementally iterate the keys space")
                        .since("2.8.0")
                        .complexity("O(1) for every call. O(N) for a complete iteration, including enough command"
                                + " calls for the cursor to return back to 0. N is the number of elements inside"
                                + " the collection.")
                        .history("6.0.0", "Added the `TYPE` subcommand.")
                        .arg(new Arg("cursor", "integer", -1, null, null, Set.of(), List.of()))
                        .arg(new Arg("pattern", "pattern", -1, "MATCH", null, Set.of("optional"), List.of()))
                        .arg(new Arg("count", "integer", -1, "COUNT", null, Set.of("optional"), List.of()))
                        .arg(new Arg("type", "string", -1, "TYPE", "6.0.0", Set.of("optional"), List.of()))
                        .function(KeyCommands::scan)
                        .build());
    }

    /**
     * DEL (and UNLINK, which only differs in freeing memory on another thread) key...: the number
     * of keys removed; a key named twice is removed (and counted) once. As redis-server's
     * delGenericCommand: no lookup, only lazy expiry (an already expired key is not counted), then
     * a "del" event and a change per removed key.
     */
    static void del(CommandContext ctx, Argv argv) {
        Database db = ctx.db();
        long now = ctx.nowMillis();
        long removed = 0;
        for (int j = 1; j < argv.count(); j++) {
            db.expireIfNeeded(argv, j, now);
            if (db.remove(argv, j)) {
                ctx.keyEvent(KeyEvent.GENERIC, "del", argv, j);
                ctx.dirty(1);
                removed++;
            }
        }
        ctx.reply().integer(removed);
    }

    /**
     * EXISTS key...: how many of the arguments exist; a key named twice counts twice. Each is a
     * no-touch read lookup: it counts a keyspace hit or miss but leaves the access stamp alone.
     */
    static void exists(CommandContext ctx, Argv argv) {
        long found = 0;
        for (int j = 1; j < argv.count(); j++) {
            if (ctx.lookupRead(argv, j, Lookup.NO_TOUCH) != null) {
                found++;
            }
        }
        ctx.reply().integer(found);
    }

    /** TOUCH key...: how many of the keys exist; a read lookup each, so it counts keyspace hits and misses. */
    static void touch(CommandContext ctx, Argv argv) {
        long touched = 0;
        for (int j = 1; j < argv.count(); j++) {
            if (ctx.lookupRead(argv, j) != null) {
                touched++;
            }
        }
        ctx.reply().integer(touched);
    }

    /** TYPE key: the type name as a status reply, "none" for a missing key (a no-touch lookup). */
    static void type(CommandContext ctx, Argv argv) {
        Object value = ctx.lookupRead(argv, 1, Lookup.NO_TOUCH);
        if (value == null) {
            ctx.reply().raw(TYPE_NONE);
        } else {
            ctx.reply().simpleString(ValueType.of(value).name());
        }
    }

    /** Redis's {@code getObjectTypeName}: "none" for a missing key, else its {@link ValueType}'s name. */
    static String typeName(Object value) {
        return value == null ? "none" : ValueType.of(value).name();
    }

    static void rename(CommandContext ctx, Argv argv) {
        rename(ctx, argv, false);
    }

    static void renamenx(CommandContext ctx, Argv argv) {
        rename(ctx, argv, true);
    }

    /**
     * RENAME / RENAMENX key newkey, as redis-server's {@code renameGenericCommand}: a missing source
     * is an error even when the names are equal; renaming a key to itself changes nothing (OK, or 0
     * for RENAMENX); the destination's old value and TTL are dropped and the source's TTL and access
     * stamp move with the value (Redis moves the object itself). Both lookups are write lookups
     * (expire first, touch, no hit/miss counting). A rename sends "rename_from" on the source, then
     * "rename_to" on the destination (none for an overwritten destination) and counts one change.
     */
    private static void rename(CommandContext ctx, Argv argv, boolean nx) {
        Database db = ctx.db();
        Object value = ctx.lookupWrite(argv, 1);
        if (value == null) {
            ctx.reply().raw(NO_SUCH_KEY);
            return;
        }
        int stamp = db.peekEntry(argv, 1).meta(); // after the write lookup's touch
        if (argv.length(1) == argv.length(2) && argv.contentEquals(1, argv.bytes(2))) {
            ctx.reply().raw(nx ? Replies.ZERO : Replies.OK);
            return;
        }
        long when = db.getExpire(argv, 1);
        boolean destinationExists = ctx.lookupWrite(argv, 2) != null;
        if (nx && destinationExists) {
            ctx.reply().raw(Replies.ZERO);
            return;
        }
        db.remove(argv, 1);
        if (destinationExists) {
            db.remove(argv, 2); // Redis deletes the old destination, so no LFU counter is inherited
        }
        db.put(argv, 2, value);
        db.peekEntry(argv, 2).meta(stamp);
        if (when != -1) {
            db.setExpire(argv, 2, when);
        }
        ctx.keyEvent(KeyEvent.GENERIC, "rename_from", argv, 1);
        ctx.keyEvent(KeyEvent.GENERIC, "rename_to", argv, 2);
        ctx.dirty(1);
        ctx.reply().raw(nx ? Replies.ONE : Replies.OK);
    }

    /**
     * KEYS pattern: every matching key that has not expired. As redis-server, expired keys are only
     * skipped, not deleted, and "*" matches every key including the empty one (the glob matcher alone
     * would not match an empty key).
     */
    static void keysCommand(CommandContext ctx, Argv argv) {
        Database db = ctx.db();
        long now = ctx.nowMillis();
        byte[] pattern = argv.bytes(1);
        boolean all = pattern.length == 1 && pattern[0] == '*';
        List<byte[]> found = new ArrayList<>();
        long cursor = 0;
        do {
            cursor = db.scan(cursor, key -> {
                // keyIsExpired: an expired key is skipped, not deleted
                if ((all || GlobMatcher.matches(pattern, key, false)) && !db.isLogicallyExpired(key, now)) {
                    found.add(key);
                }
            });
        } while (cursor != 0);
        ReplyWriter out = ctx.reply();
        out.arrayHeader(found.size());
        for (byte[] key : found) {
            out.bulk(key);
        }
    }

    /**
     * RANDOMKEY: a random key, null if the database is empty. A drawn key that has expired is
     * deleted and another one drawn, as redis-server's {@code dbRandomKey}.
     */
    static void randomkey(CommandContext ctx, Argv argv) {
        Database db = ctx.db();
        long now = ctx.nowMillis();
        while (true) {
            byte[] key = db.randomKey(ThreadLocalRandom.current());
            if (key == null) {
                ctx.reply().nullBulk();
                return;
            }
            if (!db.expireIfNeeded(key, now)) {
                ctx.reply().bulk(key);
                return;
            }
        }
    }

    /**
     * SCAN cursor [MATCH pattern] [COUNT count] [TYPE type], as redis-server 7.0's
     * {@code scanGenericCommand}: table steps are taken until at least COUNT keys were collected (at
     * most COUNT*10 steps) or the scan ends; the filters run afterwards, so a reply may hold fewer
     * keys than COUNT, even none, with a non-zero cursor. The TYPE filter does a no-touch read
     * lookup (which expires the key and counts a hit or miss), then expired keys are deleted and
     * dropped.
     */
    static void scan(CommandContext ctx, Argv argv) {
        Long parsed = ScanOptions.cursor(ctx, argv, 1);
        if (parsed == null) {
            return;
        }
        long cursor = parsed;
        ScanOptions options = ScanOptions.parse(ctx, argv, 2, true);
        if (options == null) {
            return;
        }
        Database db = ctx.db();
        List<byte[]> sampled = new ArrayList<>();
        long maxSteps = options.maxSteps();
        do {
            cursor = db.scan(cursor, sampled::add);
        } while (cursor != 0 && maxSteps-- != 0 && sampled.size() < options.count());

        long now = ctx.nowMillis();
        List<byte[]> keys = new ArrayList<>(sampled.size());
        for (byte[] key : sampled) {
            if (!options.matches(key)) {
                continue;
            }
            String type = options.type();
            if (type != null) {
                Object value = ctx.lookupRead(key, Lookup.NO_TOUCH);
                if (!type.equalsIgnoreCase(typeName(value))) {
                    continue;
                }
            }
            if (db.expireIfNeeded(key, now)) {
                continue;
            }
            keys.add(key);
        }
        ReplyWriter out = ctx.reply();
        out.arrayHeader(2);
        out.bulk(Long.toUnsignedString(cursor));
        out.arrayHeader(keys.size());
        for (byte[] key : keys) {
            out.bulk(key);
        }
    }

    /**
     * Parses a SCAN cursor as redis-server does with C's {@code strtoul}: leading '+' or '-' (which
     * negates modulo 2^64) and leading zeros are accepted, the text ends at the first NUL byte, an
     * empty text is cursor 0; a leading space, any other trailing byte or overflow is invalid.
     *
     * @throws NumberFormatException if redis-server would reply "invalid cursor"
     */
    static long parseCursor(byte[] s) {
        int n = 0;
        while (n < s.length && s[n] != 0) {
            n++;
        }
        if (n == 0) {
            return 0; // no digits: strtoul stops at the start, which is the terminator
        }
        if (isCSpace(s[0])) {
            throw new NumberFormatException();
        }
        int p = 0;
        boolean negative = false;
        if (s[p] == '+' || s[p] == '-') {
            negative = s[p] == '-';
            p++;
        }
        if (p == n || s[p] < '0' || s[p] > '9') {
            throw new NumberFormatException(); // no conversion: the end pointer is the first byte
        }
        long v = 0;
        for (; p < n; p++) {
            int d = s[p] - '0';
            if (d < 0 || d > 9) {
                throw new NumberFormatException();
            }
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, 10)) > 0) {
                throw new NumberFormatException(); // ERANGE
            }
            long next = v * 10 + d;
            if (Long.compareUnsigned(next, v * 10) < 0) {
                throw new NumberFormatException(); // ERANGE
            }
            v = next;
        }
        return negative ? -v : v;
    }

    private static boolean isCSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    private static Arg key(String name, int keySpecIndex) {
        return new Arg(name, "key", keySpecIndex, null, null, Set.of(), List.of());
    }

    private static Arg keys() {
        return new Arg("key", "key", 0, null, null, Set.of("multiple"), List.of());
    }
}
