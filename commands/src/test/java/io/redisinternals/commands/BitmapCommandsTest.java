package io.redisinternals.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.redisinternals.keyspace.types.StringValue;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeySpec;
import io.redisinternals.resp.Argv;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Replies as bytes, as measured on redis-server 7.0.15. */
class BitmapCommandsTest {

    private static final String SYNTAX = "-ERR syntax error\r\n";
    private static final String NOT_INT = "-ERR value is not an integer or out of range\r\n";
    private static final String BAD_OFFSET = "-ERR bit offset is not an integer or out of range\r\n";
    private static final String BAD_BIT = "-ERR bit is not an integer or out of range\r\n";
    private static final String BAD_TYPE = "-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is"
            + " not supported but i64 is.\r\n";
    private static final String BAD_OVERFLOW = "-ERR Invalid OVERFLOW type specified\r\n";

    private final TestContext ctx = new TestContext(all());

    private static List<CommandSpec> all() {
        List<CommandSpec> specs = new ArrayList<>(BitmapCommands.specs());
        specs.addAll(StringCommands.specs());
        return specs;
    }

    private Object stored(String key) {
        return ctx.db().peek(Argv.of(key), 0);
    }

    private static String ints(long... values) {
        StringBuilder sb = new StringBuilder("*" + values.length + "\r\n");
        for (long v : values) {
            sb.append(':').append(v).append("\r\n");
        }
        return sb.toString();
    }

    // ---- SETBIT / GETBIT ------------------------------------------------------------------------

    @Test
    void setbitGrowsZeroFilledAndRepliesTheOldBit() {
        assertEquals(":0\r\n", ctx.run("SETBIT", "k", "7", "1"));
        assertEquals("$1\r\n\u0001\r\n", ctx.run("GET", "k"));
        assertEquals(":1\r\n", ctx.run("SETBIT", "k", "7", "1"));
        assertEquals(":1\r\n", ctx.run("SETBIT", "k", "7", "0"));
        assertEquals(":0\r\n", ctx.run("SETBIT", "k", "0", "1"));
        assertEquals(":0\r\n", ctx.run("SETBIT", "k", "17", "1"));
        assertEquals("$3\r\n\u0080\u0000\u0040\r\n", ctx.run("GET", "k"));
        assertEquals(":1\r\n", ctx.run("GETBIT", "k", "0"));
        assertEquals(":1\r\n", ctx.run("GETBIT", "k", "17"));
        assertEquals(":0\r\n", ctx.run("GETBIT", "k", "18"));
        assertEquals(":0\r\n", ctx.run("GETBIT", "k", "4294967295"), "past the end reads 0");
        assertEquals(":0\r\n", ctx.run("GETBIT", "missing", "3"));
    }

    @Test
    void setbitStoresARawStringModifiedInPlaceAndKeepsTheTtl() {
        ctx.run("SET", "n", "12345");
        ctx.db().setExpire(Argv.of("n"), 0, ctx.now + 10_000);
        assertEquals(":0\r\n", ctx.run("SETBIT", "n", "0", "0"));
        Object first = stored("n");
        assertInstanceOf(StringValue.class, first);
        assertEquals("raw", StringValue.encoding(first));
        ctx.run("SETBIT", "n", "1000", "1");
        assertSame(first, stored("n"), "grown in place");
        assertEquals(126, StringValue.length(first));
        assertEquals(ctx.now + 10_000, ctx.db().getExpire(Argv.of("n"), 0));
        assertEquals(":1\r\n", ctx.run("GETBIT", "n", "1000"));
    }

    @Test
    void setbitChecksOffsetThenValue() {
        assertEquals(BAD_OFFSET, ctx.run("SETBIT", "k", "4294967296", "7"));
        assertEquals(BAD_OFFSET, ctx.run("SETBIT", "k", "-1", "1"));
        assertEquals(BAD_OFFSET, ctx.run("SETBIT", "k", "x", "1"));
        assertEquals(BAD_OFFSET, ctx.run("SETBIT", "k", "01", "1"));
        assertEquals(BAD_BIT, ctx.run("SETBIT", "k", "1", "2"));
        assertEquals(BAD_BIT, ctx.run("SETBIT", "k", "1", "-1"));
        assertEquals(BAD_BIT, ctx.run("SETBIT", "k", "1", "x"));
        assertEquals(BAD_OFFSET, ctx.run("GETBIT", "k", "4294967296"));
        assertEquals(BAD_OFFSET, ctx.run("GETBIT", "k", "+1"));
        assertNull(stored("k"));
    }

    @Test
    void getbitIsAReadForTheStatistics() {
        ctx.run("GETBIT", "missing", "0");
        ctx.run("SETBIT", "k", "0", "1");
        ctx.run("GETBIT", "k", "0");
        assertEquals(1, ctx.stats.hits());
        assertEquals(1, ctx.stats.misses());
    }

    // ---- BITCOUNT / BITPOS ----------------------------------------------------------------------

    @Test
    void bitcountRanges() {
        ctx.run("SET", "s", "foobar");
        assertEquals(":26\r\n", ctx.run("BITCOUNT", "s"));
        assertEquals(":4\r\n", ctx.run("BITCOUNT", "s", "0", "0"));
        assertEquals(":6\r\n", ctx.run("BITCOUNT", "s", "1", "1"));
        assertEquals(":6\r\n", ctx.run("BITCOUNT", "s", "1", "1", "byte"));
        assertEquals(":1\r\n", ctx.run("BITCOUNT", "s", "1", "1", "BIT"));
        assertEquals(":17\r\n", ctx.run("BITCOUNT", "s", "5", "30", "BIT"));
        assertEquals(":26\r\n", ctx.run("BITCOUNT", "s", "-9223372036854775808", "9223372036854775807"));
        assertEquals(":0\r\n", ctx.run("BITCOUNT", "s", "-1", "-2"));
        assertEquals(":0\r\n", ctx.run("BITCOUNT", "s", "-100", "-200"), "both negative, start > end: 0 at once");
        assertEquals(":4\r\n", ctx.run("BITCOUNT", "s", "-200", "-100"), "both clamp to byte 0");
        assertEquals(":0\r\n", ctx.run("BITCOUNT", "s", "3", "1"));
        assertEquals(":0\r\n", ctx.run("BITCOUNT", "s", "100", "200"));
    }

    @Test
    void bitcountLooksTheKeyUpBeforeParsing() {
        assertEquals(":0\r\n", ctx.run("BITCOUNT", "missing", "a", "b"));
        assertEquals(":0\r\n", ctx.run("BITCOUNT", "missing", "1"));
        ctx.run("SET", "s", "foobar");
        assertEquals(SYNTAX, ctx.run("BITCOUNT", "s", "1"));
        assertEquals(NOT_INT, ctx.run("BITCOUNT", "s", "a", "1"));
        assertEquals(NOT_INT, ctx.run("BITCOUNT", "s", "1", "a"));
        assertEquals(SYNTAX, ctx.run("BITCOUNT", "s", "1", "1", "bits"));
        assertEquals(SYNTAX, ctx.run("BITCOUNT", "s", "1", "1", "bit", "x"));
    }

    @Test
    void bitposRules() {
        assertEquals(":0\r\n", ctx.run("BITPOS", "missing", "0"));
        assertEquals(":-1\r\n", ctx.run("BITPOS", "missing", "1"));
        assertEquals(":-1\r\n", ctx.run("BITPOS", "missing", "1", "junk"), "a missing key answers before parsing");
        assertEquals("-ERR The bit argument must be 1 or 0.\r\n", ctx.run("BITPOS", "missing", "2"));
        assertEquals(NOT_INT, ctx.run("BITPOS", "missing", "x"));
        ctx.db().put(Argv.of("ff"), 0, new byte[] {(byte) 0xff, (byte) 0xff});
        assertEquals(":16\r\n", ctx.run("BITPOS", "ff", "0"), "no end: the string is padded with zeros");
        assertEquals(":16\r\n", ctx.run("BITPOS", "ff", "0", "1"));
        assertEquals(":-1\r\n", ctx.run("BITPOS", "ff", "0", "0", "-1"), "explicit end: no clear bit in range");
        assertEquals(":-1\r\n", ctx.run("BITPOS", "ff", "0", "0", "-1", "BIT"));
        assertEquals(":0\r\n", ctx.run("BITPOS", "ff", "1"));
        assertEquals(":3\r\n", ctx.run("BITPOS", "ff", "1", "3", "9", "bit"));
        ctx.run("SET", "s", "\u0000\u0000\u0001");
        assertEquals(":23\r\n", ctx.run("BITPOS", "s", "1"));
        assertEquals(":8\r\n", ctx.run("BITPOS", "s", "0", "8", "23", "BIT"));
        assertEquals(":-1\r\n", ctx.run("BITPOS", "s", "1", "0", "22", "BIT"));
        assertEquals(":-1\r\n", ctx.run("BITPOS", "s", "1", "2", "1"));
        assertEquals(":23\r\n", ctx.run("BITPOS", "s", "1", "-200", "-1"));
        assertEquals(":0\r\n", ctx.run("BITPOS", "s", "0", "-100", "-200"), "both clamp to byte 0, no shortcut");
        assertEquals(NOT_INT, ctx.run("BITPOS", "s", "1", "a"));
        assertEquals(SYNTAX, ctx.run("BITPOS", "s", "1", "0", "x", "x"), "the unit is checked before the end");
        assertEquals(NOT_INT, ctx.run("BITPOS", "s", "1", "0", "x", "bit"));
        assertEquals(SYNTAX, ctx.run("BITPOS", "s", "1", "0", "1", "bit", "x"));
        ctx.run("SET", "empty", "");
        assertEquals(":-1\r\n", ctx.run("BITPOS", "empty", "0"));
        assertEquals(":0\r\n", ctx.run("BITCOUNT", "empty"));
    }

    /** The word-at-a-time scans agree with a bit-by-bit model on random strings and ranges. */
    @Test
    void countAndSearchMatchANaiveModel() {
        Random rnd = new Random(42);
        for (int round = 0; round < 300; round++) {
            int len = 1 + rnd.nextInt(70);
            byte[] b = new byte[len];
            int style = rnd.nextInt(3);
            for (int i = 0; i < len; i++) {
                b[i] = (byte) (style == 0 ? rnd.nextInt(256) : style == 1 ? (rnd.nextInt(20) == 0 ? rnd.nextInt(256) : 0)
                        : (rnd.nextInt(20) == 0 ? rnd.nextInt(256) : 0xff));
            }
            ctx.db().put(Argv.of("r"), 0, b);
            long bits = len * 8L;
            long from = rnd.nextInt((int) bits);
            long to = from + rnd.nextInt((int) (bits - from));
            long count = 0;
            long first1 = -1;
            long first0 = -1;
            for (long p = from; p <= to; p++) {
                int bit = (b[(int) (p >>> 3)] >>> (7 - (int) (p & 7))) & 1;
                count += bit;
                if (bit == 1 && first1 < 0) {
                    first1 = p;
                }
                if (bit == 0 && first0 < 0) {
                    first0 = p;
                }
            }
            String f = String.valueOf(from);
            String t = String.valueOf(to);
            assertEquals(":" + count + "\r\n", ctx.run("BITCOUNT", "r", f, t, "BIT"));
            assertEquals(":" + first1 + "\r\n", ctx.run("BITPOS", "r", "1", f, t, "BIT"));
            assertEquals(":" + first0 + "\r\n", ctx.run("BITPOS", "r", "0", f, t, "BIT"));
        }
    }

    // ---- BITOP ----------------------------------------------------------------------------------

    @Test
    void bitopOperations() {
        ctx.run("SET", "a", "abc");
        ctx.run("SET", "b", "\u0001");
        assertEquals(":3\r\n", ctx.run("BITOP", "AND", "d", "a", "b"));
        assertEquals("$3\r\n\u0001\u0000\u0000\r\n", ctx.run("GET", "d"));
        assertEquals(":3\r\n", ctx.run("BITOP", "or", "d", "a", "b"));
        assertEquals("$3\r\nabc\r\n", ctx.run("GET", "d"));
        assertEquals(":3\r\n", ctx.run("BITOP", "Xor", "d", "a", "b", "a"));
        assertEquals("$3\r\n\u0001\u0000\u0000\r\n", ctx.run("GET", "d"));
        assertEquals(":3\r\n", ctx.run("BITOP", "AND", "d", "a", "missing"));
        assertEquals("$3\r\n\u0000\u0000\u0000\r\n", ctx.run("GET", "d"));
        assertEquals(":1\r\n", ctx.run("BITOP", "NOT", "d", "b"));
        assertEquals("$1\r\n\u00fe\r\n", ctx.run("GET", "d"));
    }

    @Test
    void bitopOnLongStringsUsesWholeWordsCorrectly() {
        String x = "0123456789abcdefghijklmnopqrstuv";
        String y = "ZYXWVUTSRQPONMLKJIHGFEDCBA";
        ctx.run("SET", "x", x);
        ctx.run("SET", "y", y);
        ctx.run("BITOP", "XOR", "d", "x", "y");
        byte[] got = StringValue.copyOf(stored("d"));
        for (int i = 0; i < x.length(); i++) {
            int expect = x.charAt(i) ^ (i < y.length() ? y.charAt(i) : 0);
            assertEquals(expect, got[i] & 0xff, "byte " + i);
        }
        ctx.run("BITOP", "AND", "d", "x", "y");
        got = StringValue.copyOf(stored("d"));
        for (int i = 0; i < x.length(); i++) {
            assertEquals(i < y.length() ? x.charAt(i) & y.charAt(i) : 0, got[i] & 0xff, "byte " + i);
        }
    }

    @Test
    void bitopReplacesTheDestinationDropsItsTtlOrDeletesIt() {
        ctx.run("SET", "a", "abc");
        ctx.run("SET", "d", "old");
        ctx.db().setExpire(Argv.of("d"), 0, ctx.now + 10_000);
        ctx.run("BITOP", "OR", "d", "a");
        assertEquals(-1, ctx.db().getExpire(Argv.of("d"), 0));
        assertEquals("raw", StringValue.encoding(stored("d")));
        assertEquals(":0\r\n", ctx.run("BITOP", "OR", "d", "missing", "missing2"));
        assertNull(stored("d"));
        ctx.run("SET", "empty", "");
        ctx.run("SET", "d", "x");
        assertEquals(":0\r\n", ctx.run("BITOP", "NOT", "d", "empty"));
        assertNull(stored("d"));
    }

    @Test
    void bitopErrors() {
        assertEquals(SYNTAX, ctx.run("BITOP", "nand", "d", "a"));
        assertEquals("-ERR BITOP NOT must be called with a single source key.\r\n",
                ctx.run("BITOP", "NOT", "d", "a", "b"));
    }

    // ---- BITFIELD -------------------------------------------------------------------------------

    @Test
    void bitfieldGetSetIncrby() {
        assertEquals(ints(0, 0), ctx.run("BITFIELD", "k", "GET", "u8", "0", "GET", "i64", "#3"));
        assertNull(stored("k"), "reads create nothing");
        assertEquals(ints(0, 255, -1, 1), ctx.run("BITFIELD", "k", "SET", "u8", "0", "255", "GET", "u8", "0",
                "GET", "i8", "0", "GET", "u1", "7"));
        assertEquals(ints(0, -7, 25, 9), ctx.run("bitfield", "k", "set", "i5", "#3", "-7", "get", "i5", "#3",
                "get", "u5", "#3", "get", "u4", "16"));
        assertEquals(ints(1, 2, 3, 0), ctx.run("BITFIELD", "k", "INCRBY", "u2", "100", "1", "INCRBY", "u2", "100", "1",
                "INCRBY", "u2", "100", "1", "INCRBY", "u2", "100", "1"));
        assertEquals(13, StringValue.length(stored("k")));
        assertEquals(ints(0), ctx.run("BITFIELD_RO", "k", "GET", "u2", "100"));
        assertEquals("*0\r\n", ctx.run("BITFIELD", "k"));
        assertEquals("*0\r\n", ctx.run("BITFIELD", "k", "OVERFLOW", "SAT"));
    }

    @Test
    void bitfieldOverflowPolicies() {
        assertEquals(ints(100, -56, 100), ctx.run("BITFIELD", "w", "INCRBY", "i8", "0", "100", "INCRBY", "i8", "0", "100",
                "INCRBY", "i8", "0", "156"));
        assertEquals(ints(127, -128), ctx.run("BITFIELD", "s", "OVERFLOW", "SAT", "INCRBY", "i8", "0", "500",
                "INCRBY", "i8", "0", "-9223372036854775808"));
        assertEquals("*3\r\n:255\r\n$-1\r\n:255\r\n", ctx.run("BITFIELD", "f", "OVERFLOW", "FAIL", "INCRBY", "u8", "0",
                "255", "INCRBY", "u8", "0", "1", "GET", "u8", "0"));
        ctx.resp3();
        assertEquals("*1\r\n_\r\n", ctx.run("BITFIELD", "f", "OVERFLOW", "FAIL", "SET", "u8", "0", "256"));
    }

    @Test
    void bitfieldEdgeWidthsAndRedisQuirks() {
        assertEquals(ints(0, 9223372036854775807L, -9223372036854775808L), ctx.run("BITFIELD", "k",
                "SET", "i64", "0", "9223372036854775807", "INCRBY", "i64", "0", "0", "INCRBY", "i64", "0", "1"));
        assertEquals(ints(-9223372036854775808L, -1, 9223372036854775806L), ctx.run("BITFIELD", "k", "OVERFLOW",
                "SAT", "INCRBY", "i64", "0", "-1", "INCRBY", "i64", "0", "9223372036854775807",
                "INCRBY", "i64", "0", "9223372036854775807"));
        assertEquals(ints(0, 9223372036854775807L, 0), ctx.run("BITFIELD", "u", "SET", "u63", "0",
                "9223372036854775807", "GET", "u63", "0", "INCRBY", "u63", "0", "1"));
        // A negative SET value is a huge unsigned one: SAT stores the maximum, WRAP the low bits.
        assertEquals(ints(0, 255, 255, 251), ctx.run("BITFIELD", "q", "OVERFLOW", "SAT", "SET", "u8", "0", "-5",
                "GET", "u8", "0", "OVERFLOW", "WRAP", "SET", "u8", "0", "-5", "GET", "u8", "0"));
        // Redis's wrapping headroom arithmetic: values within 127 of Long.MIN_VALUE saturate upwards.
        assertEquals(ints(0, 127, 127, -128), ctx.run("BITFIELD", "z", "OVERFLOW", "SAT",
                "SET", "i8", "0", "-9223372036854775681", "GET", "i8", "0",
                "SET", "i8", "0", "-9223372036854775680", "GET", "i8", "0"));
        // "#N" multiplies by the width and wraps in 64 bits like Redis: 2^58 * 64 == 0.
        assertEquals(ints(Long.MIN_VALUE), ctx.run("BITFIELD", "z", "GET", "i64", "#288230376151711744"));
    }

    @Test
    void bitfieldErrorsAreRepliedBeforeAnythingRuns() {
        assertEquals(SYNTAX, ctx.run("BITFIELD", "k", "get", "u8"));
        assertEquals(SYNTAX, ctx.run("BITFIELD", "k", "SET", "u8", "0", "1", "foo"));
        assertEquals(BAD_OVERFLOW, ctx.run("BITFIELD", "k", "SET", "u8", "0", "1", "OVERFLOW", "bad"));
        for (String type : new String[] {"u64", "i65", "u0", "i0", "U8", "I8", "x8", "", "u", "u08", "u+8", "i-1"}) {
            assertEquals(BAD_TYPE, ctx.run("BITFIELD", "k", "SET", "u8", "0", "1", "GET", type, "0"), type);
        }
        assertEquals(ints(0), ctx.run("BITFIELD", "k", "GET", "u8\u0000junk", "0"), "the width stops at a NUL byte");
        for (String offset : new String[] {"-1", "#", "##1", "#-1", "x", "4294967296", "#536870912",
            "#9223372036854775807"}) {
            assertEquals(BAD_OFFSET, ctx.run("BITFIELD", "k", "GET", "u8", offset), offset);
        }
        assertEquals(NOT_INT, ctx.run("BITFIELD", "k", "SET", "u8", "0", "x"));
        assertNull(stored("k"));
        assertEquals("-ERR BITFIELD_RO only supports the GET subcommand\r\n",
                ctx.run("BITFIELD_RO", "k", "SET", "u8", "0", "1"));
        assertEquals(BAD_TYPE, ctx.run("BITFIELD_RO", "k", "SET", "u8", "0", "1", "GET", "u64", "0"),
                "parsing comes before the read-only check");
        assertNull(stored("k"));
    }

    @Test
    void bitfieldWritesKeepTheTtlAndStoreRaw() {
        ctx.run("SET", "n", "123");
        ctx.db().setExpire(Argv.of("n"), 0, ctx.now + 10_000);
        assertEquals(ints(49), ctx.run("BITFIELD", "n", "SET", "u8", "0", "50"));
        assertEquals("$3\r\n223\r\n", ctx.run("GET", "n"));
        assertEquals("raw", StringValue.encoding(stored("n")));
        assertEquals(ctx.now + 10_000, ctx.db().getExpire(Argv.of("n"), 0));
    }

    @Test
    void bitfieldKeyFlags() {
        KeySpec spec = BitmapCommands.specs().stream().filter(s -> s.name().equals("bitfield")).findFirst()
                .orElseThrow().keySpecs().get(0);
        Set<String> ro = Set.of("RO", "access");
        Set<String> rw = Set.of("RW", "access", "update");
        assertEquals(ro, flags(spec, "k", "GET", "u8", "0", "OVERFLOW", "SAT"));
        assertEquals(ro, flags(spec, "k"));
        assertEquals(rw, flags(spec, "k", "GET", "u8", "0", "incrby", "u8", "0", "1"));
        assertEquals(rw, flags(spec, "k", "GET", "SET"));
        assertEquals(rw, flags(spec, "k", "foo"));
    }

    private static Set<String> flags(KeySpec spec, String... args) {
        List<String> argv = new ArrayList<>(List.of("COMMAND", "GETKEYSANDFLAGS", "BITFIELD"));
        argv.addAll(List.of(args));
        return BitmapCommands.bitfieldKeyFlags(Argv.of(argv.toArray(String[]::new)), 2, spec);
    }
}
