package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * DEBUG against redis-server 7.0.15: refused unless {@code enable-debug-command} allows the client
 * (the option's value, its immutability, the refusal's place among the dispatcher's checks), and
 * with it set to yes every subcommand we implement, with its errors. The servers with the option
 * are dedicated ones, one pair per configuration for the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DebugCommandTest extends ConformanceTestBase {

    private static final String NOT_ALLOWED = "-ERR DEBUG command not allowed. If the enable-debug-command option"
            + " is set to \"local\", you can run it from a local connection, otherwise you need to set this option"
            + " in the configuration file, and then restart the server.\r\n";

    private ReferenceRedis.Instance enabledReference;
    private final Map<String, ServerUnderTest.Running> enabledOurs = new HashMap<>();

    /** The reference and our server in {@code config}, both started with {@code --enable-debug-command yes}. */
    private synchronized Differential enabled(String config, int resp) {
        if (enabledReference == null) {
            enabledReference = ReferenceRedis.startDedicated("--enable-debug-command", "yes");
        }
        ServerUnderTest.Running ours = enabledOurs.computeIfAbsent(config,
                c -> ServerUnderTest.startDedicated(c, "--enable-debug-command", "yes"));
        try (RawConnection r = enabledReference.endpoint().connect(); RawConnection o = ours.endpoint().connect()) {
            assertEquals("+OK\r\n", r.call("FLUSHALL").rawText());
            assertEquals("+OK\r\n", o.call("FLUSHALL").rawText());
        }
        return Differential.open(enabledReference.endpoint(), ours.endpoint(), resp);
    }

    @AfterAll
    void stopEnabled() {
        enabledOurs.values().forEach(ServerUnderTest.Running::close);
        if (enabledReference != null) {
            enabledReference.close();
        }
    }

    // ---- the gate ----------------------------------------------------------------------------

    @AllConfigurationsBothProtocols
    void refusedByDefault(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("CONFIG", "GET", "enable-debug-command");
            d.same("CONFIG", "SET", "enable-debug-command", "yes");
            d.same("CONFIG", "SET", "enable-debug-command", "no");
            d.same("CONFIG", "GET", "enable-debug-command");
            Reply refused = d.same("DEBUG", "SLEEP", "0");
            assertEquals(NOT_ALLOWED, refused.rawText());
            d.same("DEBUG", "HELP");
            d.same("debug", "nosuchsubcommand", "x");
            d.same("DEBUG"); // arity is checked first
            // inside MULTI the refusal flags the transaction, as any rejected command
            d.same("MULTI");
            d.same("DEBUG", "SLEEP", "0");
            d.same("PING");
            d.same("EXEC");
        }
    }

    /** The protected check comes before authentication, as in Redis's processCommand. */
    @AllConfigurations
    void refusedBeforeAuthentication(String config) {
        try (ReferenceRedis.Instance ref = ReferenceRedis.startDedicated("--requirepass", TEST_PASSWORD);
             ServerUnderTest.Running ours = ServerUnderTest.startDedicated(config, "--requirepass", TEST_PASSWORD);
             Differential d = Differential.open(ref.endpoint(), ours.endpoint(), 2)) {
            d.same("DEBUG", "SLEEP", "0");
            d.same("DEBUG");
            d.same("PING");
        }
    }

    @AllConfigurationsBothProtocols
    void enabledWithYes(String config, int resp) {
        try (Differential d = enabled(config, resp)) {
            d.same("CONFIG", "GET", "enable-debug-command");
            d.same("CONFIG", "SET", "enable-debug-command", "no");
            d.same("DEBUG", "SLEEP", "0");
            d.same("MULTI");
            d.same("DEBUG", "SLEEP", "0");
            d.same("DEBUG", "PROTOCOL", "integer");
            d.same("EXEC");
        }
    }

    /**
     * {@code local}: only a peer whose address is exactly 127.0.0.1 (or ::1). A client bound to
     * 127.0.0.2 reaches a server on 127.0.0.1 over loopback all the same, and is refused. When the
     * reference runs in a container it sees our connections come from the container network, not
     * from 127.0.0.1; then ours is held to the texts redis-server sends a local and a remote client.
     */
    @AllConfigurations
    void localAllowsOnly127001(String config) throws UnknownHostException {
        InetAddress other = InetAddress.getByName("127.0.0.2");
        try (ReferenceRedis.Instance ref = ReferenceRedis.startDedicated("--enable-debug-command", "local",
                "--protected-mode", "no");
             ServerUnderTest.Running ours = ServerUnderTest.startDedicated(config, "--enable-debug-command", "local",
                     "--protected-mode", "no");
             RawConnection refLocal = ref.endpoint().connect();
             RawConnection refOther = new RawConnection(ref.endpoint(), other);
             RawConnection ourLocal = ours.endpoint().connect();
             RawConnection ourOther = new RawConnection(ours.endpoint(), other)) {
            boolean referenceSeesLoopback = refLocal.call("CLIENT", "INFO").text().contains(" addr=127.0.0.1:")
                    && refOther.call("CLIENT", "INFO").text().contains(" addr=127.0.0.2:");
            List<String> expected = referenceSeesLoopback
                    ? List.of(refLocal.call("DEBUG", "SLEEP", "0").rawText(), refOther.call("DEBUG", "SLEEP", "0").rawText(),
                            refLocal.call("CONFIG", "GET", "enable-debug-command").rawText())
                    : List.of("+OK\r\n", NOT_ALLOWED, "*2\r\n$20\r\nenable-debug-command\r\n$5\r\nlocal\r\n");
            List<String> actual = List.of(ourLocal.call("DEBUG", "SLEEP", "0").rawText(),
                    ourOther.call("DEBUG", "SLEEP", "0").rawText(),
                    ourLocal.call("CONFIG", "GET", "enable-debug-command").rawText());
            assertEquals(expected, actual, "DEBUG from 127.0.0.1, then from 127.0.0.2, then CONFIG GET");
            assertEquals(List.of("+OK\r\n", NOT_ALLOWED), actual.subList(0, 2));
        }
    }

    // ---- subcommands ----------------------------------------------------------------------------

    /** The four lines of MALLCTL and MALLCTL-STR, printed only by a build with jemalloc. */
    private static final Pattern MALLCTL = Pattern.compile("\\+(MALLCTL(-STR)? <key> \\[<val>\\]|    Get or set a"
            + " malloc tuning (integer|string)\\.)\r\n");

    /**
     * HELP as the reference of record prints it (Debian's and the Docker image's builds use jemalloc,
     * so MALLCTL is listed); against the static musl build, which has no jemalloc and leaves those
     * four lines out, ours is compared without them.
     */
    @AllConfigurationsBothProtocols
    void help(String config, int resp) {
        try (Differential d = enabled(config, resp)) {
            sameHelp(d, "DEBUG", "HELP");
            sameHelp(d, "debug", "help");
            d.same("DEBUG", "HELP", "extra");
        }
    }

    private static void sameHelp(Differential d, String... command) {
        if (!ReferenceRedis.isMuslBuild()) {
            d.same(command);
            return;
        }
        Reply ref = d.reference().call(command);
        Reply ours = d.ours().call(command);
        String withoutMallctl = MALLCTL.matcher(ours.rawText()).replaceAll("")
                .replaceFirst("^\\*\\d+", "*" + (ours.children().size() - 4));
        assertEquals(ref.rawText(), withoutMallctl);
    }

    @AllConfigurationsBothProtocols
    void protocolEveryType(String config, int resp) {
        try (Differential d = enabled(config, resp)) {
            for (String type : List.of("string", "integer", "double", "bignum", "null", "array", "set", "map",
                    "attrib", "push", "verbatim", "true", "false", "STRING", "Map")) {
                // in RESP3 a push is read as a reply of its own before the real one (an attribute is
                // read together with the reply it annotates)
                boolean twoParts = resp == 3 && type.equals("push");
                d.sameRaw(Bytes.concat(Bytes.command("DEBUG", "PROTOCOL", type), Bytes.command("PING", "after")),
                        twoParts ? 3 : 2);
            }
            d.same("DEBUG", "PROTOCOL", "nosuchtype");
            d.same("DEBUG", "PROTOCOL", "");
            d.same("DEBUG", "PROTOCOL");
            d.same("DEBUG", "PROTOCOL", "string", "extra");
        }
    }

    /**
     * DEBUG CLIENT-EVICTION: Redis's error while maxmemory-clients is 0, else its 19 memory-usage
     * buckets with their bounds (the sums and counts depend on each server's client memory).
     */
    @AllConfigurationsBothProtocols
    void clientEvictionBuckets(String config, int resp) {
        try (Differential d = enabled(config, resp)) {
            d.same("DEBUG", "CLIENT-EVICTION");
            d.same("CONFIG", "SET", "maxmemory-clients", "10mb");
            d.same(r -> r.type() + r.text().replaceAll("tot-mem: +\\d+, clients: \\d+", "tot-mem: n, clients: n"),
                    "DEBUG", "CLIENT-EVICTION");
            d.same("DEBUG", "CLIENT-EVICTION", "extra");
            d.same("CONFIG", "SET", "maxmemory-clients", "0");
        }
    }

    @AllConfigurationsBothProtocols
    void badArguments(String config, int resp) {
        try (Differential d = enabled(config, resp)) {
            d.same("DEBUG", "nosuchsubcommand");
            d.same("DEBUG", "x".repeat(300));
            d.same("DEBUG", "a\r\nb");
            d.same("DEBUG", "a\0b");
            d.same("DEBUG", "");
            for (String sub : List.of("SLEEP", "SET-ACTIVE-EXPIRE", "OBJECT", "LISTPACK", "QUICKLIST-PACKED-THRESHOLD",
                    "PROTOCOL", "ERROR", "LOG", "PAUSE-CRON")) {
                d.same("DEBUG", sub);
                d.same("DEBUG", sub, "1", "2", "3");
            }
            d.same("DEBUG", "CHANGE-REPL-ID", "x");
            d.same("DEBUG", "STRINGMATCH-TEST", "x");
            d.same("DEBUG", "QUICKLIST");
            d.same("DEBUG", "QUICKLIST", "k", "1", "2");
            // subcommands left out answer as unknown ones; Redis errors on these argument counts too
            d.same("DEBUG", "SDSLEN");
            d.same("DEBUG", "STRUCTSIZE", "x");
            d.same("DEBUG", "DIGEST", "x");
            d.same("DEBUG", "JMAP");
        }
    }

    @AllConfigurationsBothProtocols
    void sleepAndSwitches(String config, int resp) {
        try (Differential d = enabled(config, resp)) {
            for (String seconds : List.of("0", "0.01", ".001", "1e-3", "0x0.01", "abc", "", "-1", "inf", "-inf", "nan",
                    "1e30", " 0.001xyz")) {
                d.same("DEBUG", "SLEEP", seconds);
            }
            for (String v : List.of("0", "1", "abc", " 2", "4294967296", "1")) {
                d.same("DEBUG", "SET-ACTIVE-EXPIRE", v);
            }
            d.same("DEBUG", "PAUSE-CRON", "1");
            d.same("DEBUG", "PAUSE-CRON", "0");
            for (String v : List.of("1b", "4095mb", "4gb", "4293918720", "4293918721", "-1", "1x", "1kb",
                    "99999999999999999999999", "0")) {
                d.same("DEBUG", "QUICKLIST-PACKED-THRESHOLD", v);
            }
            // no digits: glibc's strtoull reads 0 without an error (0 = the default), musl's reports
            // EINVAL; the glibc builds are the reference of record
            if (ReferenceRedis.isMuslBuild()) {
                assertEquals("+OK\r\n", d.ours().call("DEBUG", "QUICKLIST-PACKED-THRESHOLD", "").rawText());
            } else {
                d.same("DEBUG", "QUICKLIST-PACKED-THRESHOLD", "");
            }
            d.same("DEBUG", "LOG", "a line from DebugCommandTest");
            d.same("DEBUG", "ERROR", "CODE a custom error");
            d.same("DEBUG", "ERROR", "lines\r\nbecome\nspaces");
            d.same("DEBUG", "ERROR", "");
            d.same("PING");
        }
    }

    /** SLEEP stops the whole server: another client's PING waits for it, on both servers. */
    @AllConfigurations
    void sleepBlocksEveryClient(String config) {
        try (Differential d = enabled(config, 2);
             RawConnection refOther = enabledReference.endpoint().connect();
             RawConnection ourOther = enabledOurs.get(config).endpoint().connect()) {
            for (RawConnection[] pair : List.of(new RawConnection[] {d.reference(), refOther},
                    new RawConnection[] {d.ours(), ourOther})) {
                pair[0].send(Bytes.command("DEBUG", "SLEEP", "0.3"));
                Differential.settle(); // the sleep has begun
                long start = System.nanoTime();
                assertEquals("+PONG\r\n", pair[1].call("PING").rawText());
                long waitedMillis = (System.nanoTime() - start) / 1_000_000;
                assertEquals("+OK\r\n", pair[0].read().rawText());
                assertTrue(waitedMillis >= 150, "PING answered after " + waitedMillis + " ms during DEBUG SLEEP 0.3");
            }
        }
    }

    /**
     * The fields of DEBUG OBJECT whose values cannot match Redis's: an address, listpack sizes,
     * clocks (serializedlength, the RDB codec's byte count, matches).
     */
    private static final Pattern VOLATILE = Pattern.compile(
            "(Value at:|lru:|lru_seconds_idle:|ql_uncompressed_size:)(0x[0-9a-f]+|\\d+)");

    private static final Function<Reply, String> OBJECT_FIELDS =
            r -> VOLATILE.matcher(r.rawText()).replaceAll("$1<n>");

    @AllConfigurationsBothProtocols
    void objectFieldNames(String config, int resp) {
        try (Differential d = enabled(config, resp)) {
            d.same("SET", "embstr", "hello");
            d.same("SET", "raw", "x".repeat(100));
            d.same("SET", "shared", "123");
            d.same("SET", "int", "123456789012");
            d.same("RPUSH", "list", "a", "b", "c");
            d.same("HSET", "hash", "f", "v");
            d.same("SADD", "intset", "1", "2");
            d.same("SADD", "set", "a");
            d.same("ZADD", "zset", "1", "a");
            // Active expiry off first: set the other way round, a cron tick of a loaded reference
            // could remove the key in between (seen once: "-ERR no such key" from redis-server).
            d.same("DEBUG", "SET-ACTIVE-EXPIRE", "0");
            d.same("SET", "expired", "v", "PX", "1");
            Differential.settle();
            List<String> keys = List.of("embstr", "raw", "shared", "int", "list", "hash", "intset", "set", "zset",
                    "expired");
            for (String k : keys) {
                Reply r = d.same(OBJECT_FIELDS, "DEBUG", "OBJECT", k);
                assertTrue(r.text().startsWith("Value at:0x"), r.visible());
            }
            // DEBUG OBJECT reads the table as is: the expired key is still there for it, and stays
            d.same("DBSIZE");
            d.same("DEBUG", "OBJECT", "nosuchkey");
            d.same("DEBUG", "SET-ACTIVE-EXPIRE", "1");
            for (String k : keys) {
                Reply ours = d.ours().call("DEBUG", "OBJECT", k);
                if (!k.equals("expired")) {
                    assertTrue(Pattern.matches("Value at:0x[0-9a-f]+ refcount:\\d+ encoding:[a-z]+ serializedlength:\\d+ "
                            + "lru:\\d+ lru_seconds_idle:\\d+( ql_nodes:\\d+ ql_avg_node:\\d+\\.\\d\\d ql_listpack_max:-?\\d+"
                            + " ql_compressed:0 ql_uncompressed_size:\\d+)?", ours.text()), ours.visible());
                }
            }
        }
    }

    @AllConfigurationsBothProtocols
    void listpackAndQuicklist(String config, int resp) {
        try (Differential d = enabled(config, resp)) {
            d.same("RPUSH", "list", "a", "b");
            d.same("HSET", "hash", "f", "v");
            d.same("SET", "string", "v");
            for (String sub : List.of("LISTPACK", "QUICKLIST")) {
                for (String k : List.of("list", "hash", "string", "nosuchkey")) {
                    d.same("DEBUG", sub, k);
                }
            }
            d.same("DEBUG", "QUICKLIST", "list", "1");
            d.same("DEBUG", "QUICKLIST", "list", "x");
            // the lookup is OBJECT's: it expires a key lazily, as the next DBSIZE shows
            d.same("DEBUG", "SET-ACTIVE-EXPIRE", "0");
            d.same("HSET", "gone", "f", "v");
            // 5 ms, not 1: Redis deletes at once a key whose new TTL is already past when it checks
            d.same("PEXPIRE", "gone", "5");
            Differential.settle();
            d.same("DBSIZE");
            d.same("DEBUG", "LISTPACK", "gone");
            d.same("DBSIZE");
            d.same("DEBUG", "SET-ACTIVE-EXPIRE", "1");
        }
    }

    @AllConfigurations
    void changeReplIdChangesMasterReplid(String config) {
        try (Differential d = enabled(config, 2)) {
            for (RawConnection c : List.of(d.reference(), d.ours())) {
                String before = replid(c);
                assertEquals("+OK\r\n", c.call("DEBUG", "CHANGE-REPL-ID").rawText());
                String after = replid(c);
                assertNotEquals(before, after);
                assertTrue(after.matches("[0-9a-f]{40}"), after);
            }
        }
    }

    private static String replid(RawConnection c) {
        for (String line : c.call("INFO", "replication").text().split("\r\n")) {
            if (line.startsWith("master_replid:")) {
                return line.substring("master_replid:".length());
            }
        }
        throw new AssertionError("no master_replid in INFO replication");
    }

    /** Ten million random globs on each side (a few seconds): once, on the first configuration. */
    @Test
    void stringmatchTest() {
        String config = ServerUnderTest.configurations().findFirst().orElseThrow();
        try (Differential d = enabled(config, 2)) {
            List<String> replies = new ArrayList<>();
            for (RawConnection c : List.of(d.reference(), d.ours())) {
                c.send(Bytes.command("DEBUG", "STRINGMATCH-TEST"));
                replies.add(readWithin(c, 30).rawText());
            }
            assertEquals(replies.get(0), replies.get(1));
        }
    }

    /**
     * One reply that may take longer than a read's timeout: the read is retried while it times out
     * before the first byte (the reader has consumed nothing then), up to {@code seconds}.
     */
    private static Reply readWithin(RawConnection c, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            try {
                return c.read();
            } catch (AssertionError e) {
                if (!(e.getCause() instanceof java.net.SocketTimeoutException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }
}
