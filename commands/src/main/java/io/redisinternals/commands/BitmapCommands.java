package io.redisinternals.commands;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.keyspace.Database;
import io.redisinternals.keyspace.Lookup;
import io.redisinternals.keyspace.types.StringValue;
import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeyEvent;
import io.redisinternals.command.KeySpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Numbers;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The bitmap commands (Redis's {@code bitops.c}): SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP,
 * BITFIELD, BITFIELD_RO. Bitmaps are plain strings; bit 0 is the most significant bit of byte 0.
 *
 * <p>Writes (SETBIT, BITFIELD SET/INCRBY) turn the stored value into a raw {@link StringValue},
 * grow it zero-filled to the highest bit written and change it in place, keeping the TTL. As in
 * redis-server 7.0.15 the key is signalled as modified (WATCH) only if the string was created or
 * grown, or a written bit or field really changed. BITOP replaces its destination with a new raw
 * string (dropping its TTL) or deletes it when the result is empty.
 *
 * <p>Offsets: a bit offset must satisfy {@code offset >> 3 < proto-max-bulk-len} (with the
 * default 512 MB that is 0 .. 2^32-1), checked in long arithmetic before anything is allocated.
 * A string this JVM cannot hold (a larger proto-max-bulk-len) is refused with the
 * proto-max-bulk-len error instead of Redis's out-of-memory abort.
 */
public final class BitmapCommands {

    private BitmapCommands() {
    }

    private static final byte[] BAD_OFFSET = Replies.encode("-ERR bit offset is not an integer or out of range\r\n");
    private static final byte[] BAD_BIT = Replies.encode("-ERR bit is not an integer or out of range\r\n");
    private static final byte[] BITPOS_BIT = Replies.encode("-ERR The bit argument must be 1 or 0.\r\n");
    private static final byte[] NOT_ONE_SOURCE =
            Replies.encode("-ERR BITOP NOT must be called with a single source key.\r\n");
    private static final byte[] BAD_TYPE = Replies.encode("-ERR Invalid bitfield type. Use something like i16 u8."
            + " Note that u64 is not supported but i64 is.\r\n");
    private static final byte[] BAD_OVERFLOW = Replies.encode("-ERR Invalid OVERFLOW type specified\r\n");
    private static final byte[] RO_GET_ONLY = Replies.encode("-ERR BITFIELD_RO only supports the GET subcommand\r\n");
    private static final byte[] TOO_LONG =
            Replies.encode("-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n");

    /** Longest string StringValue can hold (its growth caps the buffer just below Integer.MAX_VALUE). */
    private static final long MAX_JAVA_STRING = Integer.MAX_VALUE - 16;

    /** Eight bytes at a time, most significant byte first, so leading zeros count bits in Redis's order. */
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private static final Set<String> RO_ACCESS = Set.of("RO", "access");
    private static final Set<String> RW_ACCESS_UPDATE = Set.of("RW", "access", "update");

    /** The bitmap commands, with redis-server 7.0.15's metadata. */
    public static List<CommandSpec> specs() {
        return List.of(
                CommandMetadata.bind("setbit", BitmapCommands::setbit),
                CommandMetadata.bind("getbit", BitmapCommands::getbit),
                CommandMetadata.bind("bitcount", BitmapCommands::bitcount),
                CommandMetadata.bind("bitpos", BitmapCommands::bitpos),
                CommandMetadata.bind("bitop", BitmapCommands::bitop),
                CommandMetadata.builder("bitfield").keyFlags(BitmapCommands::bitfieldKeyFlags)
                        .function(BitmapCommands::bitfield).build(),
                CommandMetadata.bind("bitfield_ro", BitmapCommands::bitfieldRo));
    }

    /**
     * BITFIELD's key is RO/access when the call only reads (GET and OVERFLOW), RW/access/update as
     * soon as a SET or INCRBY appears or the arguments stop making sense (the safe answer), as
     * redis-server's getkeys function decides it.
     */
    static Set<String> bitfieldKeyFlags(Argv argv, int nameIndex, KeySpec spec) {
        int argc = argv.count();
        for (int i = nameIndex + 2; i < argc; i++) {
            int remaining = argc - i - 1;
            if (argv.equalsIgnoreCase(i, "get") && remaining >= 2) {
                i += 2;
            } else if (argv.equalsIgnoreCase(i, "overflow") && remaining >= 1) {
                i += 1;
            } else {
                return RW_ACCESS_UPDATE;
            }
        }
        return RO_ACCESS;
    }

    // ---- SETBIT / GETBIT ----------------------------------------------------------------------

    /**
     * SETBIT key offset value: the bit's previous value. Checks in redis-server's order: offset,
     * bit value, then the key's type.
     */
    static void setbit(CommandContext ctx, Argv argv) {
        long offset = bitOffset(ctx, argv, 2, false, 0, StringCommands.maxStringLength(ctx));
        if (offset < 0) {
            return;
        }
        long on;
        try {
            on = argv.longValue(3);
        } catch (NumberFormatException e) {
            ctx.reply().raw(BAD_BIT);
            return;
        }
        if ((on & ~1L) != 0) {
            ctx.reply().raw(BAD_BIT);
            return;
        }
        Writable w = writable(ctx, argv, offset);
        if (w == null) {
            return;
        }
        byte[] buf = w.value.buffer();
        int index = (int) (offset >>> 3);
        int mask = 0x80 >>> (int) (offset & 7);
        boolean was = (buf[index] & mask) != 0;
        if (on == 1) {
            buf[index] |= (byte) mask;
        } else {
            buf[index] &= (byte) ~mask;
        }
        if (w.dirty || was != (on == 1)) {
            ctx.db().modified(argv, 1);
            ctx.keyEvent(KeyEvent.STRING, "setbit", argv, 1);
            ctx.dirty(1);
        }
        ctx.reply().raw(was ? Replies.ONE : Replies.ZERO);
    }

    /** GETBIT key offset: the bit, 0 past the end of the string or for a missing key. */
    static void getbit(CommandContext ctx, Argv argv) {
        long offset = bitOffset(ctx, argv, 2, false, 0, StringCommands.maxStringLength(ctx));
        if (offset < 0) {
            return;
        }
        Object value = ctx.readString(argv, 1);
        if (value == null) {
            ctx.reply().raw(Replies.ZERO);
            return;
        }
        long index = offset >>> 3;
        boolean set = index < StringValue.length(value)
                && (StringValue.array(value)[(int) index] & (0x80 >>> (int) (offset & 7))) != 0;
        ctx.reply().raw(set ? Replies.ONE : Replies.ZERO);
    }

    // ---- BITCOUNT / BITPOS --------------------------------------------------------------------

    /**
     * BITCOUNT key [start end [BYTE|BIT]]. As redis-server 7.0 the key is looked up first: a missing
     * key answers 0 whatever the other arguments say. Negative indexes count from the end; both
     * negative with start > end is 0 before any clamping (so -100 -200 is 0 on a short string while
     * -200 -100 counts the first byte).
     */
    static void bitcount(CommandContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        Object value = ctx.readString(argv, 1);
        if (value == null) {
            out.raw(Replies.ZERO);
            return;
        }
        byte[] bytes = StringValue.array(value);
        int length = StringValue.length(value);
        int argc = argv.count();
        if (argc == 2) {
            out.integer(popcount(bytes, 0, length));
            return;
        }
        if (argc != 4 && argc != 5) {
            out.raw(Replies.SYNTAX_ERROR);
            return;
        }
        long start;
        long end;
        try {
            start = argv.longValue(2);
            end = argv.longValue(3);
        } catch (NumberFormatException e) {
            out.raw(Replies.NOT_INTEGER);
            return;
        }
        int unit = argc == 5 ? unit(argv, 4) : BYTE;
        if (unit < 0) {
            out.raw(Replies.SYNTAX_ERROR);
            return;
        }
        if (start < 0 && end < 0 && start > end) {
            out.raw(Replies.ZERO);
            return;
        }
        long total = unit == BIT ? (long) length << 3 : length;
        start = clampIndex(start, total);
        end = Math.min(clampIndex(end, total), total - 1);
        if (start > end) {
            out.raw(Replies.ZERO);
            return;
        }
        if (unit == BYTE) {
            out.integer(popcount(bytes, (int) start, (int) end + 1));
        } else {
            out.integer(countBits(bytes, start, end));
        }
    }

    /**
     * BITPOS key bit [start [end [BYTE|BIT]]]: the first bit equal to {@code bit} in the range, or
     * -1. A missing key is an endless run of zeros (0 for bit 0, -1 for bit 1). When looking for a
     * 0 in a range full of ones, the string counts as padded with zeros on the right, so the answer
     * is the first bit after the string, unless the caller gave an explicit end: then -1.
     */
    static void bitpos(CommandContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        long bit;
        try {
            bit = argv.longValue(2);
        } catch (NumberFormatException e) {
            out.raw(Replies.NOT_INTEGER);
            return;
        }
        if (bit != 0 && bit != 1) {
            out.raw(BITPOS_BIT);
            return;
        }
        Object value = ctx.readString(argv, 1);
        if (value == null) {
            out.integer(bit == 1 ? -1 : 0);
            return;
        }
        byte[] bytes = StringValue.array(value);
        int length = StringValue.length(value);
        int argc = argv.count();
        long start = 0;
        long end = length - 1L;
        boolean endGiven = false;
        int unit = BYTE;
        if (argc >= 4 && argc <= 6) {
            try {
                start = argv.longValue(3);
            } catch (NumberFormatException e) {
                out.raw(Replies.NOT_INTEGER);
                return;
            }
            if (argc == 6) {
                unit = unit(argv, 5);
                if (unit < 0) {
                    out.raw(Replies.SYNTAX_ERROR);
                    return;
                }
            }
            if (argc >= 5) {
                try {
                    end = argv.longValue(4);
                } catch (NumberFormatException e) {
                    out.raw(Replies.NOT_INTEGER);
                    return;
                }
                endGiven = true;
            }
            long total = unit == BIT ? (long) length << 3 : length;
            if (!endGiven) {
                end = total - 1;
            }
            start = clampIndex(start, total);
            end = Math.min(clampIndex(end, total), total - 1);
        } else if (argc != 3) {
            out.raw(Replies.SYNTAX_ERROR);
            return;
        }
        if (start > end) {
            out.integer(-1);
            return;
        }
        long firstBit = unit == BIT ? start : start << 3;
        long lastBit = unit == BIT ? end : (end << 3) + 7;
        long pos = findBit(bytes, firstBit, lastBit, (int) bit);
        if (pos < 0 && bit == 0 && !endGiven) {
            pos = lastBit + 1;
        }
        out.integer(pos);
    }

    private static final int BYTE = 0;
    private static final int BIT = 1;

    /** BYTE or BIT (any case) at argument {@code i}, or -1. */
    private static int unit(Argv argv, int i) {
        if (argv.equalsIgnoreCase(i, "bit")) {
            return BIT;
        }
        return argv.equalsIgnoreCase(i, "byte") ? BYTE : -1;
    }

    /** A possibly negative index made absolute against {@code total} and clamped at 0. */
    private static long clampIndex(long index, long total) {
        if (index < 0) {
            index += total;
        }
        return Math.max(index, 0);
    }

    // ---- BITOP --------------------------------------------------------------------------------

    private static final int AND = 0;
    private static final int OR = 1;
    private static final int XOR = 2;
    private static final int NOT = 3;

    /**
     * BITOP AND|OR|XOR|NOT destkey key [key ...]: the result's length, that of the longest source.
     * Missing keys (and the tails of shorter sources) count as zero bytes. A non-empty result
     * replaces the destination as a new raw string without TTL; an empty one deletes it.
     */
    static void bitop(CommandContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        int op;
        if (argv.equalsIgnoreCase(1, "and")) {
            op = AND;
        } else if (argv.equalsIgnoreCase(1, "or")) {
            op = OR;
        } else if (argv.equalsIgnoreCase(1, "xor")) {
            op = XOR;
        } else if (argv.equalsIgnoreCase(1, "not")) {
            op = NOT;
        } else {
            out.raw(Replies.SYNTAX_ERROR);
            return;
        }
        int argc = argv.count();
        if (op == NOT && argc != 4) {
            out.raw(NOT_ONE_SOURCE);
            return;
        }
        int sources = argc - 3;
        Object[] values = new Object[sources];
        int maxLength = 0;
        for (int j = 0; j < sources; j++) {
            Object v = ctx.readString(argv, j + 3);
            if (v != null) {
                values[j] = v;
                maxLength = Math.max(maxLength, StringValue.length(v));
            }
        }
        Database db = ctx.db();
        if (maxLength == 0) {
            // Redis's dbDelete: no lazy expiry first, "del" and a change if the key was there
            if (db.remove(argv, 2)) {
                ctx.keyEvent(KeyEvent.GENERIC, "del", argv, 2);
                ctx.dirty(1);
            }
            out.raw(Replies.ZERO);
            return;
        }
        StringValue result = StringValue.zeros(maxLength);
        byte[] res = result.buffer();
        if (op == NOT) {
            byte[] src = StringValue.array(values[0]);
            for (int i = 0; i < maxLength; i++) {
                res[i] = (byte) ~src[i];
            }
        } else {
            combine(op, values, res, maxLength);
        }
        // Sources were read above and no longer matter: the destination may be one of them.
        // Redis's setKey: a write lookup (it counts the access), then the overwrite (keeps the stamp)
        ctx.lookupWrite(argv, 2);
        db.put(argv, 2, result);
        ctx.keyEvent(KeyEvent.STRING, "set", argv, 2);
        ctx.dirty(1);
        out.integer(maxLength);
    }

    /** Folds every source into {@code res} (all zeros on entry), eight bytes at a time where possible. */
    private static void combine(int op, Object[] values, byte[] res, int maxLength) {
        boolean first = true;
        for (Object v : values) {
            byte[] src = v == null ? null : StringValue.array(v);
            int len = v == null ? 0 : StringValue.length(v);
            if (first) {
                if (src != null) {
                    System.arraycopy(src, 0, res, 0, len);
                }
                first = false;
                continue;
            }
            int i = 0;
            switch (op) {
                case AND -> {
                    for (; i + 8 <= len; i += 8) {
                        LONG_BE.set(res, i, (long) LONG_BE.get(res, i) & (long) LONG_BE.get(src, i));
                    }
                    for (; i < len; i++) {
                        res[i] &= src[i];
                    }
                    Arrays.fill(res, len, maxLength, (byte) 0);
                }
                case OR -> {
                    for (; i + 8 <= len; i += 8) {
                        LONG_BE.set(res, i, (long) LONG_BE.get(res, i) | (long) LONG_BE.get(src, i));
                    }
                    for (; i < len; i++) {
                        res[i] |= src[i];
                    }
                }
                default -> {
                    for (; i + 8 <= len; i += 8) {
                        LONG_BE.set(res, i, (long) LONG_BE.get(res, i) ^ (long) LONG_BE.get(src, i));
                    }
                    for (; i < len; i++) {
                        res[i] ^= src[i];
                    }
                }
            }
        }
    }

    // ---- BITFIELD -----------------------------------------------------------------------------

    private static final int GET = 0;
    private static final int SET = 1;
    private static final int INCRBY = 2;

    private static final int WRAP = 0;
    private static final int SAT = 1;
    private static final int FAIL = 2;

    static void bitfield(CommandContext ctx, Argv argv) {
        bitfield(ctx, argv, false);
    }

    static void bitfieldRo(CommandContext ctx, Argv argv) {
        bitfield(ctx, argv, true);
    }

    /**
     * BITFIELD key [GET type offset | [OVERFLOW WRAP|SAT|FAIL] SET type offset value | INCRBY type
     * offset increment ...]: one reply per GET/SET/INCRBY, in order. Every operation is parsed (and
     * any error replied) before the key is touched. OVERFLOW applies to the operations after it.
     * SET replies the old value, INCRBY the new one; an overflow under FAIL writes nothing and
     * replies null. Only GETs: a read (the key is not created); any write creates or grows the
     * string first, up to the highest bit any operation writes. BITFIELD_RO parses the same
     * grammar, then refuses writes.
     */
    private static void bitfield(CommandContext ctx, Argv argv, boolean readOnlyCommand) {
        ReplyWriter out = ctx.reply();
        int argc = argv.count();
        long limit = StringCommands.maxStringLength(ctx);
        int maxOps = (argc - 2) / 3;
        // One operation = {opcode | signed << 2 | overflow << 3 | bits << 8, offset, value}.
        long[] ops = new long[maxOps * 3];
        int count = 0;
        int overflow = WRAP;
        boolean writes = false;
        long highestBit = 0;
        for (int j = 2; j < argc; j++) {
            int remaining = argc - j - 1;
            int opcode;
            if (argv.equalsIgnoreCase(j, "get") && remaining >= 2) {
                opcode = GET;
            } else if (argv.equalsIgnoreCase(j, "set") && remaining >= 3) {
                opcode = SET;
            } else if (argv.equalsIgnoreCase(j, "incrby") && remaining >= 3) {
                opcode = INCRBY;
            } else if (argv.equalsIgnoreCase(j, "overflow") && remaining >= 1) {
                j++;
                if (argv.equalsIgnoreCase(j, "wrap")) {
                    overflow = WRAP;
                } else if (argv.equalsIgnoreCase(j, "sat")) {
                    overflow = SAT;
                } else if (argv.equalsIgnoreCase(j, "fail")) {
                    overflow = FAIL;
                } else {
                    out.raw(BAD_OVERFLOW);
                    return;
                }
                continue;
            } else {
                out.raw(Replies.SYNTAX_ERROR);
                return;
            }
            int type = fieldType(argv, j + 1);
            if (type < 0) {
                out.raw(BAD_TYPE);
                return;
            }
            int bits = type & 0x7f;
            long offset = bitOffset(ctx, argv, j + 2, true, bits, limit);
            if (offset < 0) {
                return;
            }
            long value = 0;
            if (opcode != GET) {
                writes = true;
                // With a proto-max-bulk-len near 2^63 the sum can wrap: such a field is out of reach anyway.
                long top = offset + bits - 1;
                highestBit = Math.max(highestBit, top < 0 ? Long.MAX_VALUE : top);
                try {
                    value = argv.longValue(j + 3);
                } catch (NumberFormatException e) {
                    out.raw(Replies.NOT_INTEGER);
                    return;
                }
            }
            ops[count * 3] = opcode | (type & 0x80) >>> 5 | overflow << 3 | (long) bits << 8;
            ops[count * 3 + 1] = offset;
            ops[count * 3 + 2] = value;
            count++;
            j += opcode == GET ? 2 : 3;
        }

        byte[] bytes;
        int length;
        Writable w = null;
        if (!writes) {
            Object v = ctx.readString(argv, 1);
            bytes = v == null ? null : StringValue.array(v);
            length = v == null ? 0 : StringValue.length(v);
        } else {
            if (readOnlyCommand) {
                out.raw(RO_GET_ONLY);
                return;
            }
            w = writable(ctx, argv, highestBit);
            if (w == null) {
                return;
            }
            bytes = w.value.buffer();
            length = w.value.length();
        }

        out.arrayHeader(count);
        long changes = 0; // SET and INCRBY operations that wrote (a FAIL overflow does not)
        for (int i = 0; i < count; i++) {
            long header = ops[i * 3];
            int opcode = (int) (header & 3);
            boolean signed = (header & 4) != 0;
            int policy = (int) (header >>> 3) & 3;
            int bits = (int) (header >>> 8) & 0x7f;
            long offset = ops[i * 3 + 1];
            long arg = ops[i * 3 + 2];
            long old = readField(bytes, length, offset, bits, signed);
            if (opcode == GET) {
                out.integer(old);
                continue;
            }
            long base = opcode == INCRBY ? old : arg;
            long incr = opcode == INCRBY ? arg : 0;
            int direction = signed ? signedOverflow(base, incr, bits) : unsignedOverflow(base, incr, bits);
            long stored;
            if (direction == 0) {
                stored = base + incr;
            } else if (policy == FAIL) {
                out.nullBulk();
                continue;
            } else if (policy == WRAP) {
                stored = wrap(base + incr, bits, signed);
            } else if (direction > 0) {
                stored = signed ? maxSigned(bits) : (1L << bits) - 1;
            } else {
                stored = signed ? -maxSigned(bits) - 1 : 0;
            }
            out.integer(opcode == INCRBY ? stored : old);
            writeField(bytes, offset, bits, stored);
            if (w.dirty || stored != old) {
                changes++;
            }
        }
        if (changes > 0) {
            ctx.db().modified(argv, 1);
            ctx.keyEvent(KeyEvent.STRING, "setbit", argv, 1);
            ctx.dirty(changes);
        }
    }

    /**
     * A field type: "i1".."i64" or "u1".."u63" (lower-case letter only, as Redis) as
     * {@code bits | 0x80 if signed}, or -1. The width is read up to the first NUL byte, as
     * redis-server reads it with the C string length.
     */
    private static int fieldType(Argv argv, int i) {
        int len = argv.length(i);
        if (len == 0) {
            return -1;
        }
        byte kind = argv.byteAt(i, 0);
        if (kind != 'i' && kind != 'u') {
            return -1;
        }
        int end = 1;
        while (end < len && argv.byteAt(i, end) != 0) {
            end++;
        }
        // A valid width has one or two digits and no leading zero (Redis's string2ll rules).
        int digits = end - 1;
        if (digits < 1 || digits > 2) {
            return -1;
        }
        int bits = 0;
        for (int k = 1; k < end; k++) {
            int d = argv.byteAt(i, k) - '0';
            if (d < 0 || d > 9 || (k == 1 && d == 0)) {
                return -1;
            }
            bits = bits * 10 + d;
        }
        if (bits > (kind == 'i' ? 64 : 63)) {
            return -1;
        }
        return kind == 'i' ? bits | 0x80 : bits;
    }

    /**
     * The bit offset in argument {@code i}, or -1 after replying the offset error. With
     * {@code hash}, "#N" means N * {@code bits} (BITFIELD); that product wraps in 64 bits exactly as
     * redis-server's does, so a huge N may wrap to a valid offset. Valid offsets satisfy
     * {@code offset >> 3 < limit} (proto-max-bulk-len).
     */
    private static long bitOffset(CommandContext ctx, Argv argv, int i, boolean hash, int bits, long limit) {
        int len = argv.length(i);
        long offset;
        try {
            if (hash && len > 1 && argv.byteAt(i, 0) == '#') {
                offset = Numbers.parseStrictLong(argv.bytes(i), 1, len - 1) * bits;
            } else {
                offset = argv.longValue(i);
            }
        } catch (NumberFormatException e) {
            offset = -1;
        }
        if (offset < 0 || (offset >> 3) >= limit) {
            ctx.reply().raw(BAD_OFFSET);
            return -1;
        }
        return offset;
    }

    /** {@code bits} bits from {@code offset} (most significant first), zero past {@code length}. */
    private static long readField(byte[] bytes, int length, long offset, int bits, boolean signed) {
        long v = 0;
        for (int k = 0; k < bits; k++) {
            long pos = offset + k;
            long index = pos >>> 3;
            int bit = index < length ? (bytes[(int) index] >>> (7 - (int) (pos & 7))) & 1 : 0;
            v = v << 1 | bit;
        }
        if (signed && bits < 64 && (v & 1L << (bits - 1)) != 0) {
            v |= -1L << bits;
        }
        return v;
    }

    /** Writes the low {@code bits} bits of {@code v} at {@code offset}; the string is long enough. */
    private static void writeField(byte[] bytes, long offset, int bits, long v) {
        for (int k = 0; k < bits; k++) {
            long pos = offset + k;
            int index = (int) (pos >>> 3);
            int mask = 0x80 >>> (int) (pos & 7);
            if ((v >>> (bits - 1 - k) & 1) != 0) {
                bytes[index] |= (byte) mask;
            } else {
                bytes[index] &= (byte) ~mask;
            }
        }
    }

    private static long maxSigned(int bits) {
        return bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
    }

    /**
     * Whether {@code value + incr} fits a signed field: 0, +1 above the maximum, -1 below the
     * minimum. For INCRBY the value is the field's own (always in range). For SET the value is the
     * argument and incr 0; redis-server computes the headroom {@code max - value} in wrapping 64-bit
     * arithmetic, so a SET value within {@code max} of Long.MIN_VALUE is reported as a positive
     * overflow (SAT then stores the maximum): kept for byte-exact replies.
     */
    private static int signedOverflow(long value, long incr, int bits) {
        if (bits == 64) {
            long sum = value + incr;
            if (((value ^ sum) & (incr ^ sum)) < 0) {
                return incr > 0 ? 1 : -1;
            }
            return 0;
        }
        long max = maxSigned(bits);
        long min = -max - 1;
        if (value > max || incr > max - value) {
            return 1;
        }
        if (value < min || incr < min - value) {
            return -1;
        }
        return 0;
    }

    /**
     * As {@link #signedOverflow} for an unsigned field of at most 63 bits. A SET value is taken as
     * unsigned 64-bit, so a negative one is a positive overflow (SAT stores the maximum), as Redis.
     */
    private static int unsignedOverflow(long value, long incr, int bits) {
        long max = (1L << bits) - 1;
        if (Long.compareUnsigned(value, max) > 0 || (incr > 0 && incr > max - value)) {
            return 1;
        }
        if (incr < 0 && incr < -value) {
            return -1;
        }
        return 0;
    }

    /** The 64-bit wrapped sum reduced to the field: sign-extended for signed fields, masked otherwise. */
    private static long wrap(long sum, int bits, boolean signed) {
        if (bits == 64) {
            return sum;
        }
        return signed ? sum << (64 - bits) >> (64 - bits) : sum & ((1L << bits) - 1);
    }

    // ---- shared helpers -----------------------------------------------------------------------

    /** The string a write works on, and whether getting it created or grown the key. */
    private record Writable(StringValue value, boolean dirty) {
    }

    /**
     * Redis's lookupStringForBitCommand: the string in argument 1 as a raw StringValue at least
     * {@code maxBit / 8 + 1} bytes long (created zero-filled if missing, grown zero-filled if
     * short), or null after replying the size error (the write lookup throws WRONGTYPE).
     * Converting the stored value to the raw form is not a modification (Redis's
     * dbUnshareStringValue), so it neither signals nor touches the TTL.
     */
    private static Writable writable(CommandContext ctx, Argv argv, long maxBit) {
        Database db = ctx.db();
        Object current = ctx.writeString(argv, 1);
        long needed = (maxBit >>> 3) + 1;
        if (needed > MAX_JAVA_STRING) {
            ctx.reply().raw(TOO_LONG);
            return null;
        }
        if (current == null) {
            StringValue created = StringValue.zeros((int) needed);
            db.put(argv, 1, created);
            return new Writable(created, true);
        }
        StringValue raw;
        if (current instanceof StringValue sv && "raw".equals(StringValue.encoding(sv))) {
            raw = sv;
        } else {
            int len = StringValue.length(current);
            raw = StringValue.raw(StringValue.array(current), len, (int) Math.max(needed, len));
            db.peekEntry(argv, 1).setValue(raw); // in place: the TTL and the access stamp stay
        }
        int before = raw.length();
        raw.growTo((int) needed);
        return new Writable(raw, raw.length() != before);
    }

    /** Set bits in bytes [from, to). */
    private static long popcount(byte[] b, int from, int to) {
        long count = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            count += Long.bitCount((long) LONG_BE.get(b, i));
        }
        for (; i < to; i++) {
            count += Integer.bitCount(b[i] & 0xff);
        }
        return count;
    }

    /** Set bits in bit positions [fromBit, toBit], both inside the string. */
    private static long countBits(byte[] b, long fromBit, long toBit) {
        int first = (int) (fromBit >>> 3);
        int last = (int) (toBit >>> 3);
        long count = popcount(b, first, last + 1);
        count -= Integer.bitCount(b[first] & ~(0xff >>> (int) (fromBit & 7)) & 0xff);
        count -= Integer.bitCount(b[last] & ((1 << (7 - (int) (toBit & 7))) - 1));
        return count;
    }

    /** The first position in [fromBit, toBit] (inside the string) whose bit is {@code bit}, or -1. */
    private static long findBit(byte[] b, long fromBit, long toBit, int bit) {
        int flip = bit == 1 ? 0 : 0xff;
        int first = (int) (fromBit >>> 3);
        int last = (int) (toBit >>> 3);
        int firstMask = 0xff >>> (int) (fromBit & 7);
        int lastMask = (0xff << (7 - (int) (toBit & 7))) & 0xff;
        if (first == last) {
            return firstSet(((b[first] & 0xff) ^ flip) & firstMask & lastMask, first);
        }
        long pos = firstSet(((b[first] & 0xff) ^ flip) & firstMask, first);
        if (pos >= 0) {
            return pos;
        }
        long skip = bit == 1 ? 0 : -1L;
        int i = first + 1;
        for (; i + 8 <= last; i += 8) {
            long word = (long) LONG_BE.get(b, i);
            if (word != skip) {
                return ((long) i << 3) + Long.numberOfLeadingZeros(word ^ skip);
            }
        }
        for (; i < last; i++) {
            pos = firstSet((b[i] & 0xff) ^ flip, i);
            if (pos >= 0) {
                return pos;
            }
        }
        return firstSet(((b[last] & 0xff) ^ flip) & lastMask, last);
    }

    /** Position of the most significant set bit of the byte {@code x} at {@code index}, or -1 if none. */
    private static long firstSet(int x, int index) {
        return x == 0 ? -1 : ((long) index << 3) + Integer.numberOfLeadingZeros(x) - 24;
    }
}
