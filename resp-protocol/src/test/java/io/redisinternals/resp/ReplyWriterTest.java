package io.redisinternals.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte-exact reply fixtures for both protocols. The RESP2 and RESP3 texts were taken from
 * redis-server 7.0.15 (DEBUG PROTOCOL, ZSCORE, HGETALL ... before and after HELLO 3); doubles are
 * C's printf("%.17g").
 */
class ReplyWriterTest {

    private static String write(RespVersion v, Consumer<ReplyWriter> w) {
        ReplyWriter out = new ReplyWriter();
        out.version(v);
        w.accept(out);
        return new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    private static Arguments fixture(String name, Consumer<ReplyWriter> w, String resp2, String resp3) {
        return Arguments.of(name, w, resp2, resp3);
    }

    static Stream<Arguments> fixtures() {
        return Stream.of(
                fixture("simple", w -> w.simpleString("OK"), "+OK\r\n", "+OK\r\n"),
                fixture("error", w -> w.error("ERR syntax error"), "-ERR syntax error\r\n", "-ERR syntax error\r\n"),
                fixture("error newlines", w -> w.error("ERR a\r\nb"), "-ERR a  b\r\n", "-ERR a  b\r\n"),
                fixture("integer", w -> w.integer(12345), ":12345\r\n", ":12345\r\n"),
                fixture("negative integer", w -> w.integer(-1), ":-1\r\n", ":-1\r\n"),
                fixture("min integer", w -> w.integer(Long.MIN_VALUE),
                        ":-9223372036854775808\r\n", ":-9223372036854775808\r\n"),
                fixture("max integer", w -> w.integer(Long.MAX_VALUE),
                        ":9223372036854775807\r\n", ":9223372036854775807\r\n"),
                fixture("bulk", w -> w.bulk("Hello World"), "$11\r\nHello World\r\n", "$11\r\nHello World\r\n"),
                fixture("binary bulk", w -> w.bulk(new byte[] {0, '\r', '\n', (byte) 0xff}),
                        "$4\r\n\0\r\n\u00ff\r\n", "$4\r\n\0\r\n\u00ff\r\n"),
                fixture("bulk slice", w -> w.bulk(new byte[] {'x', 'a', 'b', 'y'}, 1, 2), "$2\r\nab\r\n", "$2\r\nab\r\n"),
                fixture("bulk buffer", w -> w.bulk(ByteBuffer.wrap(new byte[] {'x', 'a', 'b'}).position(1)),
                        "$2\r\nab\r\n", "$2\r\nab\r\n"),
                fixture("bulk long", w -> w.bulk(-42L), "$3\r\n-42\r\n", "$3\r\n-42\r\n"),
                fixture("bulk argv", w -> w.bulk(Argv.of("ECHO", "hey"), 1), "$3\r\nhey\r\n", "$3\r\nhey\r\n"),
                fixture("empty bulk", w -> w.bulk(new byte[0]), "$0\r\n\r\n", "$0\r\n\r\n"),
                fixture("null bulk", ReplyWriter::nullBulk, "$-1\r\n", "_\r\n"),
                fixture("null array", ReplyWriter::nullArray, "*-1\r\n", "_\r\n"),
                fixture("array", w -> w.arrayHeader(3).integer(0).integer(1).integer(2),
                        "*3\r\n:0\r\n:1\r\n:2\r\n", "*3\r\n:0\r\n:1\r\n:2\r\n"),
                fixture("empty array", w -> w.arrayHeader(0), "*0\r\n", "*0\r\n"),
                fixture("map", w -> w.mapHeader(3).integer(0).bool(false).integer(1).bool(true).integer(2).bool(false),
                        "*6\r\n:0\r\n:0\r\n:1\r\n:1\r\n:2\r\n:0\r\n", "%3\r\n:0\r\n#f\r\n:1\r\n#t\r\n:2\r\n#f\r\n"),
                fixture("config map", w -> w.mapHeader(1).bulk("maxmemory").bulk("0"),
                        "*2\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n", "%1\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n"),
                fixture("empty map", w -> w.mapHeader(0), "*0\r\n", "%0\r\n"),
                fixture("set", w -> w.setHeader(3).integer(0).integer(1).integer(2),
                        "*3\r\n:0\r\n:1\r\n:2\r\n", "~3\r\n:0\r\n:1\r\n:2\r\n"),
                fixture("double", w -> w.doubleValue(3.141), "$5\r\n3.141\r\n", ",3.141\r\n"),
                fixture("double 1.1", w -> w.doubleValue(1.1), "$18\r\n1.1000000000000001\r\n", ",1.1000000000000001\r\n"),
                fixture("double inf", w -> w.doubleValue(Double.POSITIVE_INFINITY), "$3\r\ninf\r\n", ",inf\r\n"),
                fixture("double -inf", w -> w.doubleValue(Double.NEGATIVE_INFINITY), "$4\r\n-inf\r\n", ",-inf\r\n"),
                fixture("double nan", w -> w.doubleValue(Double.NaN), "$3\r\nnan\r\n", ",nan\r\n"),
                fixture("double 1e300", w -> w.doubleValue(1e300),
                        "$23\r\n1.0000000000000001e+300\r\n", ",1.0000000000000001e+300\r\n"),
                fixture("double 0.0001", w -> w.doubleValue(0.0001), "$6\r\n0.0001\r\n", ",0.0001\r\n"),
                fixture("double 1e-5", w -> w.doubleValue(1e-5),
                        "$22\r\n1.0000000000000001e-05\r\n", ",1.0000000000000001e-05\r\n"),
                fixture("double -0", w -> w.doubleValue(-0.0), "$2\r\n-0\r\n", ",-0\r\n"),
                fixture("double 0", w -> w.doubleValue(0.0), "$1\r\n0\r\n", ",0\r\n"),
                fixture("double integral", w -> w.doubleValue(3.0), "$1\r\n3\r\n", ",3\r\n"),
                fixture("true", w -> w.bool(true), ":1\r\n", "#t\r\n"),
                fixture("false", w -> w.bool(false), ":0\r\n", "#f\r\n"),
                fixture("big number", w -> w.bigNumber("1234567999999999999999999999999999999"),
                        "$37\r\n1234567999999999999999999999999999999\r\n",
                        "(1234567999999999999999999999999999999\r\n"),
                fixture("verbatim", w -> w.verbatim("txt", "This is a verbatim\nstring".getBytes(StandardCharsets.US_ASCII)),
                        "$25\r\nThis is a verbatim\nstring\r\n", "=29\r\ntxt:This is a verbatim\nstring\r\n"),
                fixture("push", w -> w.pushHeader(2).bulk("server-cpu-usage").integer(42),
                        "*2\r\n$16\r\nserver-cpu-usage\r\n:42\r\n", ">2\r\n$16\r\nserver-cpu-usage\r\n:42\r\n"),
                fixture("attribute", w -> {
                    if (w.attributeHeader(1)) {
                        w.bulk("key-popularity").arrayHeader(2).bulk("key:123").integer(90);
                    }
                    w.bulk("Some real reply following the attribute");
                }, "$39\r\nSome real reply following the attribute\r\n",
                        "|1\r\n$14\r\nkey-popularity\r\n*2\r\n$7\r\nkey:123\r\n:90\r\n"
                                + "$39\r\nSome real reply following the attribute\r\n"),
                fixture("raw constants", w -> w.raw(Replies.OK).raw(Replies.PONG).raw(Replies.EMPTY_BULK),
                        "+OK\r\n+PONG\r\n$0\r\n\r\n", "+OK\r\n+PONG\r\n$0\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void resp2(String name, Consumer<ReplyWriter> w, String resp2, String resp3) {
        assertEquals(resp2, write(RespVersion.RESP2, w));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void resp3(String name, Consumer<ReplyWriter> w, String resp2, String resp3) {
        assertEquals(resp3, write(RespVersion.RESP3, w));
    }

    @Test
    void defaultsToResp2() {
        ReplyWriter w = new ReplyWriter();
        assertEquals(RespVersion.RESP2, w.version());
        assertFalse(w.isResp3());
        w.version(RespVersion.RESP3);
        assertTrue(w.isResp3());
        assertEquals(3, w.version().number());
    }

    @Test
    void nonAsciiTextIsUtf8IncludingSurrogatePairs() {
        assertEquals("+\u00e9\ud83d\ude00\r\n", new String(new ReplyWriter().simpleString("\u00e9\ud83d\ude00").toByteArray(),
                StandardCharsets.UTF_8));
    }

    @Test
    void growsPastItsInitialCapacity() {
        ReplyWriter w = new ReplyWriter(64);
        byte[] big = new byte[100_000];
        w.bulk(big).integer(7);
        assertEquals("$100000\r\n".length() + 100_000 + 2 + 4, w.size());
        String tail = new String(w.toByteArray(), w.size() - 6, 6, StandardCharsets.ISO_8859_1);
        assertEquals("\r\n:7\r\n", tail);
    }

    @Test
    void pendingClearTruncateAndTrim() {
        ReplyWriter w = new ReplyWriter();
        w.simpleString("OK");
        int mark = w.size();
        w.simpleString("QUEUED");
        w.truncate(mark);
        assertEquals("+OK\r\n", StandardCharsets.ISO_8859_1.decode(w.pending()).toString());
        assertThrows(IllegalArgumentException.class, () -> w.truncate(mark + 1));
        w.clear();
        assertEquals(0, w.size());
        w.bulk(new byte[1 << 20]);
        w.clear();
        w.trim();
        w.integer(1);
        assertEquals(":1\r\n", new String(w.toByteArray(), StandardCharsets.ISO_8859_1));
    }

    /** The view is reused between sends, shows only what is pending now, and follows a grown or trimmed buffer. */
    @Test
    void pendingReusesItsViewUntilTheBufferIsReplaced() {
        ReplyWriter w = new ReplyWriter();
        w.simpleString("OK");
        ByteBuffer first = w.pending();
        first.position(first.limit()); // consumed, as Connection.write does
        w.clear();
        w.integer(12);
        ByteBuffer second = w.pending();
        assertTrue(first == second, "a new view for the same buffer");
        assertEquals(":12\r\n", StandardCharsets.ISO_8859_1.decode(second).toString());
        w.clear();
        byte[] big = new byte[1 << 20];
        big[big.length - 1] = 'z';
        w.bulk(big); // grows the buffer
        ByteBuffer grown = w.pending();
        assertFalse(grown == second);
        assertEquals(big.length + 12, grown.remaining()); // "$1048576\r\n" ... "\r\n"
        assertEquals('z', grown.get(grown.limit() - 3));
        w.clear();
        w.trim();
        w.simpleString("PONG");
        ByteBuffer trimmed = w.pending();
        assertTrue(trimmed.capacity() < big.length, "the view still wraps the big array");
        assertEquals("+PONG\r\n", StandardCharsets.ISO_8859_1.decode(trimmed).toString());
    }

    @Test
    void verbatimFormatMustBeThreeChars() {
        ReplyWriter w = new ReplyWriter();
        w.version(RespVersion.RESP3);
        assertThrows(IllegalArgumentException.class, () -> w.verbatim("text", new byte[0]));
    }
}
