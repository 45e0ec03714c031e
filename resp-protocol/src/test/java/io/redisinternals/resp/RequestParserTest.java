package io.redisinternals.resp;

import static io.redisinternals.resp.ParseHarness.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The request parser against redis-server 7.0.15's behaviour (every expectation below was measured
 * on a real server with the same bytes).
 */
class RequestParserTest {

    private static List<List<String>> parse(String input) {
        ParseHarness.Outcome o = ParseHarness.whole(bytes(input), null);
        assertNull(o.error(), "unexpected protocol error");
        return o.requests();
    }

    private static List<List<String>> reqs(String... requests) {
        List<List<String>> out = new ArrayList<>();
        for (String r : requests) {
            out.add(Arrays.asList(r.split("\\|", -1)));
        }
        return out;
    }

    private static String error(String input, RequestParser config) {
        ParseHarness.Outcome o = ParseHarness.whole(bytes(input), config);
        return o.error();
    }

    // ---- well-formed requests ---------------------------------------------------------------

    @Test
    void multibulk() {
        assertEquals(reqs("SET|key|value"), parse("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n"));
    }

    @Test
    void binarySafeBulks() {
        assertEquals(reqs("SET|a\r\nb|\0\0"), parse("*3\r\n$3\r\nSET\r\n$4\r\na\r\nb\r\n$2\r\n\0\0\r\n"));
        assertEquals(reqs("GET|"), parse("*2\r\n$3\r\nGET\r\n$0\r\n\r\n"));
    }

    @Test
    void inline() {
        assertEquals(reqs("SET|k|v"), parse("SET k v\r\n"));
        assertEquals(reqs("PING"), parse("PING\n"));
        assertEquals(reqs("PING"), parse("  PING  \r\n"));
        assertEquals(reqs("PING"), parse("\tPING\t\r\n"));
    }

    @Test
    void pipelinedFramesOfBothKinds() {
        ParseHarness h = new ParseHarness();
        h.feed(bytes("*1\r\n$4\r\nPING\r\nECHO hi\r\n*2\r\n$4\r\nECHO\r\n$2\r\nyo\r\nPING\n"));
        assertEquals(reqs("PING", "ECHO|hi", "ECHO|yo", "PING"), h.requests);
        assertFalse(h.parser.inFrame());
        assertEquals(0, h.unconsumed());
    }

    @Test
    void lastWasInlineTracksTheKindOfTheReturnedRequest() throws Exception {
        RequestParser p = new RequestParser();
        Argv argv = new Argv();
        ByteBuffer in = ByteBuffer.wrap(bytes("PING\r\n*1\r\n$4\r\nPING\r\n"));
        assertTrue(p.next(in, argv));
        assertTrue(p.lastWasInline());
        assertTrue(p.next(in, argv));
        assertFalse(p.lastWasInline());
        assertFalse(p.next(in, argv));
    }

    @Test
    void trailerAfterBulkDataIsSkippedUnchecked() {
        // redis-server answers +PONG twice: the two bytes after the data are not verified.
        assertEquals(reqs("PING", "PING"), parse("*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n"));
        // Nor is the byte after a header's CR.
        assertEquals(reqs("PING"), parse("*1\rX$4\rXPING\r\n"));
    }

    @Test
    void countsOfZeroOrLessCarryNoCommand() {
        assertEquals(reqs("PING"), parse("*-10\r\n*1\r\n$4\r\nPING\r\n"));
        assertEquals(reqs("PING"), parse("*0\r\nPING\r\n"));
        assertEquals(reqs(), parse("*-1\r\n*0\r\n"));
    }

    @Test
    void emptyInlineLinesCarryNoCommand() {
        assertEquals(reqs("PING"), parse("\r\n\n   \r\n\r\r\nPING\r\n"));
        ParseHarness h = new ParseHarness();
        h.feed(bytes("\r\n"));
        assertEquals(List.of(), h.requests);
        assertNull(h.error);
        assertFalse(h.parser.inFrame());
    }

    static Stream<Arguments> inlineSplitting() {
        return Stream.of(
                Arguments.of("ECHO \"\\x41\\x4g\\z\\\"\\\\\\n\"\r\n", reqs("ECHO|Ax4gz\"\\\n")),
                Arguments.of("ECHO 'a\\'b\\n'\r\n", reqs("ECHO|a'b\\n")),
                Arguments.of("ECHO foo\"bar\"\r\n", reqs("ECHO|foobar")),
                Arguments.of("ECHO a\rb\r\n", reqs("ECHO|a|b")),
                Arguments.of("ECHO \u000bab\r\n", reqs("ECHO|ab")),
                Arguments.of("ECHO a\u000bb\r\n", reqs("ECHO|a\u000bb")),
                Arguments.of("ECHO \"a\"\u000bb\r\n", reqs("ECHO|a|b")),
                Arguments.of("ECHO \"\\x4\"\r\n", reqs("ECHO|x4")),
                Arguments.of("ECHO \"\\xZZ\"\r\n", reqs("ECHO|xZZ")),
                Arguments.of("ECHO \"\\x\"\r\n", reqs("ECHO|x")),
                Arguments.of("ECHO \"\\t\\r\\b\\a\"\r\n", reqs("ECHO|\t\r\b\u0007")),
                Arguments.of("ECHO \"\"\r\n", reqs("ECHO|")),
                Arguments.of("ECHO \"a b\" 'c d'\r\n", reqs("ECHO|a b|c d")),
                Arguments.of("ECHO \u000ca\r\n", reqs("ECHO|a")),
                Arguments.of("SET \"\\xff\\x00\" v\r\n", reqs("SET|\u00ff\u0000|v")));
    }

    @ParameterizedTest
    @MethodSource
    void inlineSplitting(String input, List<List<String>> expected) {
        assertEquals(expected, parse(input));
    }

    // ---- malformed requests ------------------------------------------------------------------

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("*3000000000\r\n", "Protocol error: invalid multibulk length"),
                Arguments.of("*abc\r\n", "Protocol error: invalid multibulk length"),
                Arguments.of("*\r\n", "Protocol error: invalid multibulk length"),
                Arguments.of("*-0\r\n", "Protocol error: invalid multibulk length"),
                Arguments.of("*+1\r\n", "Protocol error: invalid multibulk length"),
                Arguments.of("*01\r\n", "Protocol error: invalid multibulk length"),
                Arguments.of("*3 \r\n", "Protocol error: invalid multibulk length"),
                Arguments.of("* 3\r\n", "Protocol error: invalid multibulk length"),
                Arguments.of("*1\n$4\r\nPING\r\n", "Protocol error: invalid multibulk length"),
                Arguments.of("*1\r\nfoo\r\n", "Protocol error: expected '$', got 'f'"),
                Arguments.of("*1\r\n\r\n", "Protocol error: expected '$', got ' '"),
                Arguments.of("*1\r\n\nabc\r\n", "Protocol error: expected '$', got ' '"),
                Arguments.of("*1\r\n\u00ffoo\r\n", "Protocol error: expected '$', got '\u00ff'"),
                Arguments.of("*2\r\n$1\r\na\r\n:1\r\n", "Protocol error: expected '$', got ':'"),
                Arguments.of("*1\r\n$-10\r\n", "Protocol error: invalid bulk length"),
                Arguments.of("*1\r\n$-1\r\n", "Protocol error: invalid bulk length"),
                Arguments.of("*1\r\n$2000000000\r\n", "Protocol error: invalid bulk length"),
                Arguments.of("*1\r\n$blabla\r\n", "Protocol error: invalid bulk length"),
                Arguments.of("*1\r\n$\r\n", "Protocol error: invalid bulk length"),
                Arguments.of("*1\r\n$01\r\na\r\n", "Protocol error: invalid bulk length"),
                Arguments.of("*1\r\n$4\nPING\r\n", "Protocol error: invalid bulk length"),
                Arguments.of("*1\r\n$100000000000000000000\r\n", "Protocol error: invalid bulk length"),
                Arguments.of("*1\r\n$9223372036854775807\r\n", "Protocol error: invalid bulk length"),
                Arguments.of("set \"\"\"k\"\"\" v\r\n", "Protocol error: unbalanced quotes in request"),
                Arguments.of("ECHO \"a\"b\r\n", "Protocol error: unbalanced quotes in request"),
                Arguments.of("ECHO 'a'b\r\n", "Protocol error: unbalanced quotes in request"),
                Arguments.of("ECHO \"abc\r\n", "Protocol error: unbalanced quotes in request"),
                Arguments.of("ECHO \"\\\r\n", "Protocol error: unbalanced quotes in request"),
                Arguments.of("ECHO '\\\r\n", "Protocol error: unbalanced quotes in request"),
                Arguments.of("ECHO '\\\\'\r\n", "Protocol error: unbalanced quotes in request"),
                Arguments.of("PING\r\n*x\r\n", "Protocol error: invalid multibulk length"));
    }

    @ParameterizedTest
    @MethodSource
    void malformed(String input, String message) {
        assertEquals(message, error(input, null));
        // The error is the same however the bytes are split.
        byte[] b = bytes(input);
        for (int cut = 0; cut <= b.length; cut++) {
            assertEquals(message, ParseHarness.split(b, new int[] {cut}, null, true).error(), "cut at " + cut);
        }
    }

    @Test
    void replyBytesQuoteTheOffendingByteRaw() throws Exception {
        RequestParser p = new RequestParser();
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> p.next(ByteBuffer.wrap(bytes("*1\r\n\u00ffoo\r\n")), new Argv()));
        // Byte for byte what redis-server 7.0.15 sends.
        assertArrayEquals(bytes("-ERR Protocol error: expected '$', got '\u00ff'\r\n"), e.replyBytes());
        assertEquals("ERR Protocol error: expected '$', got '\u00ff'", e.replyText());
    }

    @Test
    void tooBigInlineRequest() {
        byte[] line = new byte[RequestParser.INLINE_MAX_SIZE];
        Arrays.fill(line, (byte) 'a');
        ParseHarness h = new ParseHarness();
        h.feed(line);
        assertNull(h.error, "64 KiB without a newline may still become a request");
        h.feed(bytes("a"));
        assertEquals("Protocol error: too big inline request", h.error);
    }

    @Test
    void tooBigCountStrings() {
        byte[] digits = new byte[RequestParser.INLINE_MAX_SIZE];
        Arrays.fill(digits, (byte) '1');
        ParseHarness h = new ParseHarness();
        h.feed(bytes("*"));
        h.feed(digits);
        assertEquals("Protocol error: too big mbulk count string", h.error);

        h = new ParseHarness();
        h.feed(bytes("*1\r\n$"));
        h.feed(digits, 0, digits.length - 1);
        assertNull(h.error);
        h.feed(digits, 0, 1);
        assertEquals("Protocol error: too big bulk count string", h.error);
    }

    @Test
    void nulHidesTheLineEndAsStrchrDoes() {
        // redis-server never answers "PING\0\r\n": strchr stops at the NUL. Only the size limit ends it.
        ParseHarness h = new ParseHarness();
        h.feed(bytes("PING\0\r\n"));
        assertEquals(List.of(), h.requests);
        assertNull(h.error);
        assertTrue(h.parser.inFrame());
        h.feed(new byte[RequestParser.INLINE_MAX_SIZE]);
        assertEquals("Protocol error: too big inline request", h.error);

        h = new ParseHarness();
        h.feed(bytes("*1\r\n$4\0\r\nPING\r\n"));
        assertEquals(List.of(), h.requests);
        assertNull(h.error);
        // After the header's CR a NUL is just the skipped byte.
        assertEquals(reqs("PING"), parse("*1\r\n$4\r\0PING\r\0"));
    }

    @Test
    void unauthenticatedLimits() {
        RequestParser config = new RequestParser();
        config.authenticated(false);
        assertEquals("Protocol error: unauthenticated multibulk length", error("*11\r\n", config));
        assertEquals("Protocol error: unauthenticated bulk length", error("*1\r\n$16385\r\n", config));
        // Invalid lengths are reported as such first.
        assertEquals("Protocol error: invalid multibulk length", error("*3000000000\r\n", config));
        assertEquals("Protocol error: invalid bulk length", error("*1\r\n$-2\r\n", config));

        String ten = "*10\r\n" + "$1\r\na\r\n".repeat(10);
        assertEquals(1, ParseHarness.whole(bytes(ten), config).requests().size());
        String bulk = "*1\r\n$16384\r\n" + "x".repeat(16384) + "\r\n";
        assertEquals(1, ParseHarness.whole(bytes(bulk), config).requests().size());

        // Once authenticated, the tight limits are gone.
        assertNull(error("*11\r\n$1\r\na\r\n", null));
        assertNull(error("*1\r\n$16385\r\n", null));
    }

    @Test
    void protoMaxBulkLenIsConfigurable() {
        RequestParser config = new RequestParser();
        config.maxBulkLength(10);
        assertEquals("Protocol error: invalid bulk length", error("*1\r\n$11\r\n", config));
        assertEquals(reqs("0123456789"),
                ParseHarness.whole(bytes("*1\r\n$10\r\n0123456789\r\n"), config).requests());
        // The default is 512 MB.
        assertEquals(512L * 1024 * 1024, new RequestParser().maxBulkLength());
        assertNull(error("*1\r\n$536870912\r\n", null));
        assertEquals("Protocol error: invalid bulk length", error("*1\r\n$536870913\r\n", null));
    }

    // ---- incremental parsing ----------------------------------------------------------------

    private static final String[] CORPUS = {
        "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n",
        "*1\r\n$4\r\nPING\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$0\r\n\r\n",
        "SET \"a\\x41\" 'b\\'c' plain\r\n\r\n*0\r\n*-3\r\nGET x\n",
        "*2\r\n$3\r\nGET\r\n$4\r\na\r\nb\r\n*1\rX$4\rXPINGxx",
        "*1\r\n$4\r\nPING\r\n*2\r\n$1\r\na\r\n$bad\r\n",
        "PING\r\nECHO \"unterminated\r\n",
        "*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nPI",
    };

    @Test
    void everySplitOffsetGivesTheSameRequests() {
        for (String s : CORPUS) {
            byte[] input = bytes(s);
            ParseHarness.Outcome expected = ParseHarness.whole(input, null);
            for (int cut = 0; cut <= input.length; cut++) {
                for (int cut2 = cut; cut2 <= input.length; cut2++) {
                    assertEquals(expected, ParseHarness.split(input, new int[] {cut, cut2}, null, false),
                            "cuts " + cut + "," + cut2 + " of " + s);
                }
                assertEquals(expected, ParseHarness.split(input, new int[] {cut}, null, true),
                        "cut " + cut + " of " + s);
            }
            assertEquals(expected, byteByByte(input, false), s);
            assertEquals(expected, byteByByte(input, true), s);
        }
    }

    private static ParseHarness.Outcome byteByByte(byte[] input, boolean moveAlways) {
        int[] cuts = new int[Math.max(0, input.length - 1)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        return ParseHarness.split(input, cuts, null, moveAlways);
    }

    @Test
    void partialFrameReturnsFalseAndKeepsItsBytes() throws Exception {
        RequestParser p = new RequestParser();
        Argv argv = new Argv();
        ByteBuffer in = ByteBuffer.wrap(bytes("*2\r\n$3\r\nGET\r\n$1\r\n"));
        assertFalse(p.next(in, argv));
        assertEquals(0, in.position(), "a small partial frame stays in the buffer");
        assertTrue(p.inFrame());
        p.reset();
        assertFalse(p.inFrame());
        // After a reset the same bytes start a new frame.
        ByteBuffer again = ByteBuffer.wrap(bytes("*1\r\n$4\r\nPING\r\n"));
        assertTrue(p.next(again, argv));
        assertEquals("PING", argv.string(0));
    }

    @Test
    void bigFrameWithBigBulksInterleaved() {
        StringBuilder sb = new StringBuilder("*5\r\n$3\r\nSET\r\n$1\r\nk\r\n");
        String big1 = "x".repeat(40_000);
        String big2 = "y".repeat(RequestParser.BIG_BULK_THRESHOLD);
        sb.append("$40000\r\n").append(big1).append("\r\n");
        sb.append("$2\r\nEX\r\n");
        sb.append("$").append(big2.length()).append("\r\n").append(big2).append("\r\n");
        sb.append("PING\r\n");
        byte[] input = bytes(sb.toString());
        ParseHarness.Outcome expected = ParseHarness.whole(input, null);
        assertEquals(reqs("SET|k|" + big1 + "|EX|" + big2, "PING"), expected.requests());
        Random rnd = new Random(42);
        for (int round = 0; round < 50; round++) {
            int[] cuts = rnd.ints(1 + rnd.nextInt(40), 0, input.length + 1).sorted().toArray();
            assertEquals(expected, ParseHarness.split(input, cuts, null, round % 2 == 0), Arrays.toString(cuts));
        }
        assertEquals(expected, byteByByte(input, false));
    }

    @Test
    void oneMegabyteBulkInOneKilobytePieces() {
        byte[] value = new byte[1024 * 1024];
        new Random(7).nextBytes(value);
        byte[] head = bytes("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$" + value.length + "\r\n");
        byte[] input = new byte[head.length + value.length + 2];
        System.arraycopy(head, 0, input, 0, head.length);
        System.arraycopy(value, 0, input, head.length, value.length);
        input[input.length - 2] = '\r';
        input[input.length - 1] = '\n';

        ParseHarness h = new ParseHarness();
        for (int off = 0; off < input.length; off += 1024) {
            h.feed(input, off, Math.min(1024, input.length - off));
            if (off + 1024 < input.length) {
                assertTrue(h.parser.bufferedBytes() <= 2L * (off + 1024) + RequestParser.MAX_CHUNK, "bounded by twice what arrived");
                assertTrue(h.unconsumed() < 2 * 1024, "the big bulk is moved out of the read buffer");
            }
        }
        assertNull(h.error);
        assertEquals(1, h.requests.size());
        assertEquals(List.of("SET", "key"), h.requests.get(0).subList(0, 2));
        assertArrayEquals(value, bytes(h.requests.get(0).get(2)));
        assertEquals(0, h.parser.bufferedBytes(), "nothing held once the request was returned");
    }

    @Test
    void hugeDeclaredBulkReservesNothingUpFront() throws Exception {
        RequestParser p = new RequestParser();
        Argv argv = new Argv();
        ByteBuffer in = ByteBuffer.wrap(bytes("*2\r\n$3\r\nSET\r\n$536870912\r\n"));
        long before = allocatedBytes();
        assertFalse(p.next(in, argv));
        assertEquals(3, p.bufferedBytes(), "only the copy of SET, moved out with the frame");
        assertFalse(in.hasRemaining(), "header bytes consumed, the bulk lives outside the buffer");

        ByteBuffer more = ByteBuffer.wrap(new byte[100]);
        assertFalse(p.next(more, argv));
        assertFalse(more.hasRemaining());
        long held = p.bufferedBytes();
        assertTrue(held > 100 && held <= 64 * 1024, "held " + held);
        long allocated = allocatedBytes() - before;
        assertTrue(allocated < 1024 * 1024, "allocated " + allocated + " bytes for a 512 MB declaration");
        p.reset();
        assertEquals(0, p.bufferedBytes());
    }

    /** Bytes allocated by this thread so far (com.sun.management.ThreadMXBean, reached reflectively). */
    private static long allocatedBytes() throws Exception {
        Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        return (long) Class.forName("com.sun.management.ThreadMXBean")
                .getMethod("getCurrentThreadAllocatedBytes").invoke(bean);
    }

    @Test
    void completeArgumentsAreSlicesOfTheReadBuffer() throws Exception {
        RequestParser p = new RequestParser();
        Argv argv = new Argv();
        ByteBuffer in = ByteBuffer.wrap(bytes("*2\r\n$3\r\nGET\r\n$3\r\nkey\r\nGET plain\r\n"));
        assertTrue(p.next(in, argv));
        in.put(17, (byte) 'K');
        assertEquals("Key", argv.string(1), "argv sees the buffer: no copy was made");
        ByteBuffer slice = argv.slice(1);
        in.put(18, (byte) 'E');
        assertEquals('E', slice.get(1));

        assertTrue(p.next(in, argv));
        in.put(in.position() - 5, (byte) 'A');
        assertEquals("plAin", argv.string(1));
    }

    @Test
    void partialFrameSurvivesTheBufferBeingCompactedOrReplaced() {
        byte[] input = bytes("*3\r\n$3\r\nSET\r\n$5\r\nhello\r\n$5\r\nworld\r\n");
        ParseHarness.Outcome o = ParseHarness.split(input, new int[] {14, 20, 30}, null, true);
        assertEquals(reqs("SET|hello|world"), o.requests());
    }

    @Test
    void manyArgumentsArrivingSlowlyParseInLinearTime() {
        int n = 200_000;
        StringBuilder sb = new StringBuilder("*").append(n).append("\r\n");
        for (int i = 0; i < n; i++) {
            String a = Integer.toString(i);
            sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
        byte[] input = bytes(sb.toString());
        ParseHarness h = new ParseHarness();
        for (int off = 0; off < input.length; off += 1024) {
            h.feed(input, off, Math.min(1024, input.length - off));
        }
        assertNull(h.error);
        assertEquals(1, h.requests.size());
        List<String> args = h.requests.get(0);
        assertEquals(n, args.size());
        assertEquals("0", args.get(0));
        assertEquals("199999", args.get(n - 1));
    }

    @Test
    void aPartialFrameMayBeContinuedWithAnotherArgv() throws Exception {
        RequestParser p = new RequestParser();
        Argv first = new Argv();
        ByteBuffer in = ByteBuffer.wrap(bytes("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n"));
        in.limit(14);
        assertFalse(p.next(in, first));
        in.limit(in.capacity());
        Argv second = new Argv();
        assertTrue(p.next(in, second));
        assertEquals("Argv[GET, k]", second.toString());
    }

    @Test
    void noArgumentOutlivesTheNextCall() throws Exception {
        RequestParser p = new RequestParser();
        Argv argv = new Argv();
        ByteBuffer in = ByteBuffer.wrap(bytes("*1\r\n$4\r\nPING\r\n"));
        assertTrue(p.next(in, argv));
        assertFalse(p.next(in, argv));
        assertEquals(0, argv.count(), "a big owned argument is not kept alive by an idle connection");
    }

    @Test
    void splitLineIsTheInlineSplitting() throws Exception {
        List<byte[]> args = RequestParser.splitLine("set \"a b\" 'c\\'d' \"\\x41\\n\"".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of("set", "a b", "c'd", "A\n"),
                args.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList());
        assertEquals(List.of(), RequestParser.splitLine("   ".getBytes(StandardCharsets.ISO_8859_1)));
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> RequestParser.splitLine("\"open".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals("Protocol error: unbalanced quotes in request", e.getMessage());
    }
}
