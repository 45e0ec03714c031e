package io.redisinternals.commands;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.types.StringValue;
import io.redisinternals.keyspace.types.ValueType;
import io.redisinternals.keyspace.dict.GlobMatcher;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeyEvent;
import io.redisinternals.command.KeySpec;
import io.redisinternals.keyspace.Lookup;
import io.redisinternals.keyspace.Removal;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Commands on keys of any type (Redis's "generic" group, {@code db.c}/{@code expire.c}). */
public final class KeyCommands {

    private KeyCommands() {
    }

    private static final byte[] NO_SUCH_KEY = Replies.encode("-ERR no such key\r\n");
    private static final byte[] TYPE_NONE = Replies.encode("+none\r\n");

    /** The generic key commands, with redis-server 7.0.15's metadata. */
    public static List<CommandSpec> specs() {
        return List.of(
                CommandMetadata.bind("del", KeyCommands::del),
                CommandMetadata.bind("exists", KeyCommands::exists),
                CommandMetadata.bind("unlink", KeyCommands::unlink),
                CommandMetadata.bind("touch", KeyCommands::touch),
                CommandMetadata.bind("type", KeyCommands::type),
                CommandMetadata.bind("rename", KeyCommands::rename),
                CommandMetadata.bind("renamenx", KeyCommands::renamenx),
                CommandMetadata.bind("keys", KeyCommands::keysCommand),
                CommandMetadata.bind("randomkey", KeyCommands::randomkey),
                CommandMetadata.bind("scan", KeyCommands::scan));
    }


    /** DEL key...: see {@link #delete}; lazily freed under lazyfree-lazy-user-del. */
    static void del(CommandContext ctx, Argv argv) {
        delete(ctx, argv, Removal.USER_DEL);
    }

    /** UNLINK key...: DEL whose removals are always lazy (they count in lazyfreed_objects). */
    static void unlink(CommandContext ctx, Argv argv) {
        delete(ctx, argv, Removal.UNLINK);
    }

    /**
     * DEL and UNLINK, which differ only in how Redis frees the values ({@code why}): the number
     * of keys removed; a key named twice is removed (and counted) once. As redis-server's
     * delGenericCommand: no lookup, only lazy expiry (an already expired key is not counted), then
     * a "del" event and a change per removed key.
     */
    private static void delete(CommandContext ctx, Argv argv, Removal why) {
        Database db = ctx.db();
        long now = ctx.nowMillis();
        long removed = 0;
        for (int j = 1; j < argv.count(); j++) {
            db.expireIfNeeded(argv, j, now);
            if (db.remove(argv, j, why)) {
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
        db.remove(argv, 1, Removal.RETAINED); // the value lives on under the new name
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
        boolean allVolatile = db.size() == db.expiresCount();
        int tries = 100;
        while (true) {
            byte[] key = db.randomKey(ThreadLocalRandom.current());
            if (key == null) {
                ctx.reply().nullBulk();
                return;
            }
            // While expiry is paused (CLIENT PAUSE) an expired key is kept, so a database of only
            // expired keys would be drawn from forever (redis-server 7.0.15 hangs there; 7.2 gives
            // up after 100 draws and answers the key, as here).
            if (!db.expireIfNeeded(key, now)
                    || (allVolatile && db.isLogicallyExpired(key, now) && --tries == 0)) {
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

}
