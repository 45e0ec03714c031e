package io.redisinternals.persistence.rdb;

import io.redisinternals.command.CommandContext;
import io.redisinternals.command.KeyEvent;
import io.redisinternals.keyspace.dict.KeyTable;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import java.nio.charset.StandardCharsets;

/**
 * DUMP and RESTORE with payloads interchangeable with redis-server 7.0's: the value's type byte
 * and body as in an RDB file, the RDB version (2 bytes LE) and the CRC-64 of all before it (8
 * bytes LE). RESTORE checks in Redis's order (options, existing key, TTL, version and checksum,
 * then the value) with its error texts, and propagates as Redis: a relative TTL becomes an
 * absolute one plus ABSTTL, an already expired key replaced becomes a DEL.
 */
public final class DumpRestore {

    private static final String BUSYKEY = "BUSYKEY Target key name already exists.";
    private static final String BAD_PAYLOAD = "ERR DUMP payload version or checksum are wrong";
    private static final String BAD_DATA = "ERR Bad data format";
    private static final byte[] ABSTTL = "ABSTTL".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);

    private DumpRestore() {
    }

    /** The DUMP payload of {@code value}, with rdbcompression {@code compress}. */
    public static byte[] payload(Object value, boolean compress, int listFill) {
        RdbOutput out = new RdbOutput(compress);
        out.listFill(listFill);
        out.writeByte(RdbValues.type(value));
        RdbValues.writeValue(out, value);
        out.writeLittleEndian(RdbTypes.RDB_VERSION, 2);
        out.writeLittleEndian(out.crc(), 8);
        return out.toByteArray();
    }

    /** Redis's verifyDumpPayload: the 10-byte footer, a version we load, the CRC-64. */
    public static boolean verify(byte[] p) {
        if (p.length < 10) {
            return false;
        }
        int version = (p[p.length - 10] & 0xff) | (p[p.length - 9] & 0xff) << 8;
        if (version > RdbTypes.RDB_VERSION) {
            return false;
        }
        long crc = RdbInput.of(p, p.length - 8, 8).readLittleEndian(8, "the checksum");
        return crc == io.redisinternals.command.codec.Crc64.of(p, 0, p.length - 8);
    }

    /**
     * Reads a verified payload's value, as Redis reads it (from the payload's start, the footer
     * not excluded). Any corrupt or unsupported value is an {@link RdbFormatException}.
     */
    public static Object read(byte[] p, RdbReadOptions options) {
        RdbInput in = RdbInput.of(p);
        int type = in.readByte();
        if (!RdbTypes.isValueType(type)) {
            throw in.corrupt("not a value type: " + type);
        }
        return RdbValues.readValue(type, in, options);
    }

    static boolean compression(CommandContext ctx) {
        String v = ctx.configString(RdbSettings.RDBCOMPRESSION);
        return v == null || v.equalsIgnoreCase("yes");
    }

    /** sanitize-dump-payload: "yes" checks deeply; "clients" too, as every RESTORE here comes from a client. */
    static boolean deepSanitize(CommandContext ctx) {
        String v = ctx.configString(RdbSettings.SANITIZE_DUMP_PAYLOAD);
        return v != null && !v.equalsIgnoreCase("no");
    }

    /** DUMP key */
    public static void dump(CommandContext ctx, Argv argv) {
        Object value = ctx.lookupRead(argv, 1);
        if (value == null) {
            ctx.reply().raw(Replies.NULL_BULK);
            return;
        }
        ctx.reply().bulk(payload(value, compression(ctx), (int) ctx.configLong("list-max-listpack-size")));
    }

    /** RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency] */
    public static void restore(CommandContext ctx, Argv argv) {
        boolean replace = false;
        boolean absttl = false;
        long freq = -1;
        long idle = -1;
        int n = argv.count();
        for (int j = 4; j < n; j++) {
            int additional = n - j - 1;
            if (argv.equalsIgnoreCase(j, "replace")) {
                replace = true;
            } else if (argv.equalsIgnoreCase(j, "absttl")) {
                absttl = true;
            } else if (argv.equalsIgnoreCase(j, "idletime") && additional >= 1 && freq == -1) {
                Long v = integer(ctx, argv, j + 1);
                if (v == null) {
                    return;
                }
                if (v < 0) {
                    ctx.reply().error("ERR Invalid IDLETIME value, must be >= 0");
                    return;
                }
                idle = v;
                j++;
            } else if (argv.equalsIgnoreCase(j, "freq") && additional >= 1 && idle == -1) {
                Long v = integer(ctx, argv, j + 1);
                if (v == null) {
                    return;
                }
                if (v < 0 || v > 255) {
                    ctx.reply().error("ERR Invalid FREQ value, must be >= 0 and <= 255");
                    return;
                }
                freq = v;
                j++;
            } else {
                ctx.reply().raw(Replies.SYNTAX_ERROR);
                return;
            }
        }
        if (!replace && ctx.lookupWrite(argv, 1) != null) {
            ctx.reply().error(BUSYKEY);
            return;
        }
        Long ttlArg = integer(ctx, argv, 2);
        if (ttlArg == null) {
            return;
        }
        long ttl = ttlArg;
        if (ttl < 0) {
            ctx.reply().error("ERR Invalid TTL value, must be >= 0");
            return;
        }
        byte[] payload = argv.bytes(3);
        if (!verify(payload)) {
            ctx.reply().error(BAD_PAYLOAD);
            return;
        }
        Object value;
        try {
            value = read(payload, RdbReadOptions.of(ctx::configLong, ctx.db().hasher(), deepSanitize(ctx)));
        } catch (RdbFormatException e) {
            ctx.reply().error(BAD_DATA);
            return;
        }

        boolean deleted = replace && ctx.db().remove(argv, 1);
        long now = ctx.nowMillis();
        if (ttl != 0 && !absttl) {
            ttl += now;
        }
        if (ttl != 0 && ttl <= now) { // already expired: the key is not created
            if (deleted) {
                ctx.propagateAs(DEL, argv.bytes(1));
                ctx.keyEvent(KeyEvent.GENERIC, "del", argv, 1);
                ctx.dirty(1);
            }
            ctx.reply().raw(Replies.OK);
            return;
        }
        ctx.db().put(argv, 1, value);
        if (ttl != 0) {
            ctx.db().setExpire(argv, 1, ttl);
            if (!absttl) {
                byte[][] propagated = new byte[n + 1][];
                for (int i = 0; i < n; i++) {
                    propagated[i] = argv.bytes(i);
                }
                propagated[2] = Long.toString(ttl).getBytes(StandardCharsets.US_ASCII);
                propagated[n] = ABSTTL;
                ctx.propagateAs(propagated);
            }
        }
        // Redis scales the idle seconds by its LRU resolution (x1000/1000), wrapping as C does.
        int stamp = ctx.keyspace().restoredStamp(freq, idle < 0 ? -1 : idle * 1000 / 1000);
        if (stamp >= 0) {
            KeyTable.Entry<Object> e = ctx.db().peekEntry(argv, 1);
            if (e != null) {
                e.meta(stamp);
            }
        }
        ctx.keyEvent(KeyEvent.GENERIC, "restore", argv, 1);
        ctx.dirty(1);
        ctx.reply().raw(Replies.OK);
    }

    /** Argument {@code i} as Redis's getLongLongFromObjectOrReply; null after replying the error. */
    private static Long integer(CommandContext ctx, Argv argv, int i) {
        try {
            return argv.longValue(i);
        } catch (NumberFormatException e) {
            ctx.reply().raw(Replies.NOT_INTEGER);
            return null;
        }
    }
}
