package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The request parser against redis-server 7.0.15: malformed input (exact error bytes and whether
 * the connection is closed), pipelining, byte-by-byte requests, isolation between clients, and
 * the pre-authentication limits. Mirrors Redis's own tests/unit/protocol.tcl in spirit.
 */
class ProtocolConformanceTest extends ConformanceTestBase {

    private static final String PING = "*1\r\n$4\r\nPING\r\n";

    /** name, input, what the reference must do (measured on 7.0.15; checks the table in the notes too). */
    record Case(String name, String input, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        String big = "1".repeat(70_000);
        return List.of(
                new Case("huge multibulk count", "*3000000000\r\n", "'-ERR Protocol error: invalid multibulk length\\r\\n' +close"),
                new Case("non-numeric multibulk count", "*abc\r\n", "'-ERR Protocol error: invalid multibulk length\\r\\n' +close"),
                new Case("no $ in array", "*1\r\nfoo\r\n", "'-ERR Protocol error: expected '$', got 'f'\\r\\n' +close"),
                new Case("negative bulk length", "*1\r\n$-10\r\n", "'-ERR Protocol error: invalid bulk length\\r\\n' +close"),
                new Case("bulk length over 512MB", "*1\r\n$2000000000\r\n", "'-ERR Protocol error: invalid bulk length\\r\\n' +close"),
                new Case("non-numeric bulk length", "*1\r\n$blabla\r\n", "'-ERR Protocol error: invalid bulk length\\r\\n' +close"),
                new Case("inline unbalanced quotes", "set \"\"\"k\"\"\" v\r\n", "'-ERR Protocol error: unbalanced quotes in request\\r\\n' +close"),
                new Case("inline over 64KiB without newline", "a".repeat(70_000), "'-ERR Protocol error: too big inline request\\r\\n' +close"),
                new Case("multibulk header over 64KiB without CR", "*" + big, "'-ERR Protocol error: too big mbulk count string\\r\\n' +close"),
                new Case("bulk header over 64KiB without CR", "*1\r\n$" + big, "'-ERR Protocol error: too big bulk count string\\r\\n' +close"),
                new Case("negative multibulk count is ignored", "*-10\r\n" + PING, "'+PONG\\r\\n' (open)"),
                new Case("zero multibulk count is ignored", "*0\r\n" + PING, "'+PONG\\r\\n' (open)"),
                new Case("empty line", "\r\n", "'' (open)"),
                new Case("inline ping", "PING\r\n", "'+PONG\\r\\n' (open)"),
                new Case("inline quoted argument", "ECHO \"a b\"\r\n", "'$3\\r\\na b\\r\\n' (open)"),
                new Case("incomplete bulk waits", "*2\r\n$4\r\nECHO\r\n$5\r\nab", "'' (open)"),
                new Case("inline hex and escapes in double quotes", "ECHO \"\\x41\\x42\\n\"\r\n", "'$3\\r\\nAB\\n\\r\\n' (open)"),
                new Case("inline invalid hex escape kept literally", "ECHO \"\\xZZ\"\r\n", "'$3\\r\\nxZZ\\r\\n' (open)"),
                new Case("inline escaped single quote", "ECHO 'it\\'s'\r\n", "'$4\\r\\nit's\\r\\n' (open)"),
                new Case("inline empty quoted argument", "ECHO ''\r\n", "'$0\\r\\n\\r\\n' (open)"),
                new Case("inline closing quote followed by a letter", "ECHO \"a\"b\r\n", "'-ERR Protocol error: unbalanced quotes in request\\r\\n' +close"),
                new Case("inline unterminated quote", "SET k \"v\r\n", "'-ERR Protocol error: unbalanced quotes in request\\r\\n' +close"),
                new Case("inline extra blanks", "  PING  \t \r\n", "'+PONG\\r\\n' (open)"),
                new Case("inline LF only", "PING\n", "'+PONG\\r\\n' (open)"),
                new Case("empty line between arrays", PING + "\r\n" + PING, "'+PONG\\r\\n+PONG\\r\\n' (open)"),
                new Case("bulk longer than announced: extra bytes skipped", "*2\r\n$4\r\nECHO\r\n$3\r\nabcde\r\n", "'$3\\r\\nabc\\r\\n' (open)"),
                new Case("bulk followed by junk instead of CRLF", "*1\r\n$4\r\nPINGxx", "'+PONG\\r\\n' (open)"),
                new Case("bulk length with leading zero", "*1\r\n$04\r\nPING\r\n", "'-ERR Protocol error: invalid bulk length\\r\\n' +close"),
                new Case("bulk length with a space", "*1\r\n$ 4\r\nPING\r\n", "'-ERR Protocol error: invalid bulk length\\r\\n' +close"),
                new Case("multibulk count with plus sign", "*+1\r\n" + "$4\r\nPING\r\n", "'-ERR Protocol error: invalid multibulk length\\r\\n' +close"),
                new Case("multibulk header ended by LF only waits", "*1\n", "'' (open)"),
                new Case("bulk one over 512MB", "*1\r\n$536870913\r\n", "'-ERR Protocol error: invalid bulk length\\r\\n' +close"),
                new Case("bulk of exactly 512MB waits", "*1\r\n$536870912\r\n", "'' (open)"),
                new Case("HTTP POST closes silently", "POST / HTTP/1.1\r\n", "'' +close"),
                new Case("Host: header closes silently", "Host: example.com\r\n", "'' +close"));
    }

    static Stream<Arguments> malformed() {
        return ServerUnderTest.configurations().flatMap(t -> cases().stream().map(c -> Arguments.of(t, c)));
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("malformed")
    void malformedInputLikeReference(String config, Case c) {
        try (Differential d = Differential.open(config, 2)) {
            RawConnection.Outcome ref = d.sameOutcome(Bytes.ascii(c.input()));
            assertEquals(c.expected(), ref.toString(), "the reference itself no longer matches the documented table");
        }
    }

    static Stream<Arguments> shortMalformed() {
        return ServerUnderTest.configurations().flatMap(t -> cases().stream()
                .filter(c -> c.input().length() < 200).map(c -> Arguments.of(t, c)));
    }

    @ParameterizedTest(name = "[{0}] byte by byte: {1}")
    @MethodSource("shortMalformed")
    void malformedInputSplitByteByByteLikeReference(String config, Case c) {
        try (Differential d = Differential.open(config, 2)) {
            d.sameOutcomeByteByByte(Bytes.ascii(c.input()));
        }
    }

    @AllConfigurationsBothProtocols
    void pipelinedCommandsAnswerInOrder(String config, int resp) {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        int n = 0;
        for (int i = 0; i < 100; i++) {
            batch.writeBytes(Bytes.command("SET", "key:" + i, "value-" + i));
            batch.writeBytes(Bytes.command("GET", "key:" + i));
            batch.writeBytes(Bytes.command("EXISTS", "key:" + i, "missing"));
            batch.writeBytes(Bytes.command("ECHO", "e" + i));
            batch.writeBytes(Bytes.ascii("PING\r\n"));
            n += 5;
        }
        batch.writeBytes(Bytes.command("DEL", "key:1", "key:2", "nope"));
        batch.writeBytes(Bytes.command("GET", "key:1"));
        batch.writeBytes(Bytes.command("DBSIZE"));
        n += 3;
        try (Differential d = Differential.open(config, resp)) {
            List<Reply> replies = d.sameRaw(batch.toByteArray(), n);
            assertEquals("$7\r\nvalue-0\r\n", replies.get(1).rawText());
        }
    }

    @AllConfigurationsBothProtocols
    void requestsSplitByteByByte(String config, int resp) {
        byte[] input = Bytes.ascii("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nvalue\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\nPING\r\n"
                + "ECHO \"x y\"\r\n*2\r\n$4\r\nECHO\r\n$0\r\n\r\n");
        try (Differential d = Differential.open(config, resp)) {
            List<Reply> expected = d.reference().sendByteByByte(input).read(5);
            List<Reply> actual = d.ours().sendByteByByte(input).read(5);
            assertEquals(expected.stream().map(Reply::rawText).toList(), actual.stream().map(Reply::rawText).toList());
        }
    }

    @AllConfigurations
    void protocolErrorOnOneConnectionLeavesOthersServed(String config) {
        for (Endpoint ep : List.of(reference(), ours(config))) {
            try (RawConnection bystander = ep.connect(); RawConnection bad = ep.connect()) {
                assertEquals("+OK\r\n", bystander.call("SET", "k", "v").rawText(), ep.toString());
                bad.send("*1\r\nfoo\r\n");
                assertEquals("-ERR Protocol error: expected '$', got 'f'\r\n", bad.read().rawText(), ep.toString());
                assertTrue(bad.isClosedByPeer(), ep + ": connection closed after the protocol error");
                assertEquals("$1\r\nv\r\n", bystander.call("GET", "k").rawText(), ep.toString());
                try (RawConnection fresh = ep.connect()) {
                    assertEquals("+PONG\r\n", fresh.call("PING").rawText(), ep.toString());
                }
            }
        }
    }

    @AllConfigurations
    void announcedHugeBulkDoesNotPreallocate(String config) {
        // 512 MB announced, almost nothing sent. Redis 7.0 preallocates (CVE-2025-46686); we must not.
        List<RawConnection> hogs = new ArrayList<>();
        try {
            Endpoint ours = ours(config);
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long before = rt.totalMemory() - rt.freeMemory();
            for (int i = 0; i < 4; i++) {
                RawConnection hog = ours.connect();
                hog.send("*2\r\n$3\r\nSET\r\n$536870912\r\nabc");
                hogs.add(hog);
            }
            try (RawConnection other = ours.connect()) {
                assertEquals("+PONG\r\n", other.call("PING").rawText(), "server stays responsive");
                assertEquals("+OK\r\n", other.call("SET", "k", "v").rawText());
            }
            for (RawConnection hog : hogs) {
                assertTrue(hog.observe(200).toString().equals("'' (open)"), "a partial bulk just waits for more bytes");
            }
            System.gc();
            long after = rt.totalMemory() - rt.freeMemory();
            // Four 512 MB buffers would be 2 GB; only meaningful when the server shares our heap.
            assertTrue(!ServerUnderTest.isInProcess(config) || after - before < 256L * 1024 * 1024,
                    "heap grew by " + (after - before) / (1024 * 1024) + " MB after 4 clients announced 512 MB bulks");
        } finally {
            hogs.forEach(RawConnection::close);
        }
        try (RawConnection c = reference().connect()) {
            c.send("*2\r\n$3\r\nSET\r\n$536870912\r\nabc");
            try (RawConnection other = reference().connect()) {
                assertEquals("+PONG\r\n", other.call("PING").rawText(), "reference stays responsive");
            }
        }
    }

    @AllConfigurations
    void hugePipelineWrittenBeforeReadingAnyReply(String config) throws Exception {
        // ~20 MB of replies to ~0.7 MB of requests: the server must keep reading while the client is
        // not reading yet (Redis buffers the output of normal clients without limit by default).
        int n = 20_000;
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            batch.writeBytes(Bytes.command("GET", "big"));
        }
        String value = "v".repeat(1024);
        for (Endpoint ep : List.of(reference(), ours(config))) {
            try (RawConnection c = ep.connect()) {
                assertEquals("+OK\r\n", c.call("SET", "big", value).rawText());
                Thread writer = Thread.ofPlatform().daemon().start(() -> c.sendLenient(batch.toByteArray()));
                String expected = "$1024\r\n" + value + "\r\n";
                for (int i = 0; i < n; i++) {
                    Reply r = c.read();
                    if (!expected.equals(r.rawText())) {
                        throw new AssertionError(ep + ": reply #" + i + " was " + r.visible());
                    }
                }
                writer.join(RawConnection.READ_TIMEOUT_MILLIS);
                assertFalse(writer.isAlive(), ep + ": request writer still blocked");
                assertEquals("+PONG\r\n", c.call("PING").rawText(), ep.toString());
            }
        }
    }

    @AllConfigurations
    void manyConcurrentConnections(String config) {
        for (Endpoint ep : List.of(reference(), ours(config))) {
            List<RawConnection> conns = new ArrayList<>();
            try {
                for (int i = 0; i < 200; i++) {
                    conns.add(ep.connect());
                }
                for (int i = 0; i < conns.size(); i++) {
                    conns.get(i).send(Bytes.command("SET", "c:" + i, String.valueOf(i)));
                }
                for (RawConnection c : conns) {
                    assertEquals("+OK\r\n", c.read().rawText(), ep.toString());
                }
                for (int i = 0; i < conns.size(); i += 37) {
                    assertEquals("$" + String.valueOf(i).length() + "\r\n" + i + "\r\n",
                            conns.get(0).call("GET", "c:" + i).rawText(), ep.toString());
                }
                assertEquals(":200\r\n", conns.get(199).call("DBSIZE").rawText(), ep.toString());
            } finally {
                conns.forEach(RawConnection::close);
            }
        }
    }

    static Stream<Arguments> unauthenticatedLimits() {
        return ServerUnderTest.configurations().flatMap(t -> Stream.of(
                Arguments.of(t, "*11\r\n", "'-ERR Protocol error: unauthenticated multibulk length\\r\\n' +close"),
                Arguments.of(t, "*1\r\n$16385\r\n", "'-ERR Protocol error: unauthenticated bulk length\\r\\n' +close"),
                Arguments.of(t, "*10\r\n", "'' (open)"),
                Arguments.of(t, PING, "'-NOAUTH Authentication required.\\r\\n' (open)")));
    }

    @ParameterizedTest(name = "[{0}] --requirepass, {1}")
    @MethodSource("unauthenticatedLimits")
    void unauthenticatedLimitsWithRequirepassArgument(String config, String input, String expected) {
        try (ReferenceRedis.Instance ref = ReferenceRedis.startDedicated("--requirepass", TEST_PASSWORD);
             ServerUnderTest.Running ours = ServerUnderTest.startDedicated(config, "--requirepass", TEST_PASSWORD);
             Differential d = Differential.open(ref.endpoint(), ours.endpoint(), 2)) {
            assertEquals(expected, d.sameOutcome(Bytes.ascii(input)).toString());
        }
    }

    @ParameterizedTest(name = "[{0}] CONFIG SET requirepass, {1}")
    @MethodSource("unauthenticatedLimits")
    void unauthenticatedLimitsWithConfigSetRequirepass(String config, String input, String expected) {
        List<Endpoint> both = List.of(reference(), ours(config));
        try {
            for (Endpoint ep : both) {
                try (RawConnection admin = ep.connect()) {
                    assertEquals("+OK\r\n", admin.call("CONFIG", "SET", "requirepass", TEST_PASSWORD).rawText(), ep.toString());
                }
            }
            try (Differential d = Differential.open(reference(), ours(config), 2)) {
                assertEquals(expected, d.sameOutcome(Bytes.ascii(input)).toString());
            }
            try (Differential d = Differential.open(reference(), ours(config), 2)) {
                d.same("AUTH", "wrong");
                d.same("AUTH", TEST_PASSWORD);
                d.sameOutcome(Bytes.ascii("*11\r\n" + PING.repeat(0)));
            }
        } finally {
            for (Endpoint ep : both) {
                try (RawConnection admin = ep.connect()) {
                    admin.call("AUTH", TEST_PASSWORD);
                    admin.call("CONFIG", "SET", "requirepass", "");
                }
            }
        }
    }
}
