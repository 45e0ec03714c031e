package io.redisinternals.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.engine.ClientChannel;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded server end to end through the real ServiceLoader boot path. */
class RedisServerTest {

    static RedisServer server;
    static java.nio.file.Path dir;

    @BeforeAll
    static void start() throws Exception {
        // no save points and a temp dir: nothing is ever written into the source tree
        dir = java.nio.file.Files.createTempDirectory("ri-server-test");
        server = RedisServer.start(List.of("--port", "0", "--bind", "127.0.0.1", "--transport", "blocking",
                "--save", "", "--dir", dir.toString()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(5000);
        return s;
    }

    /** Sends {@code request}, reads until {@code expected.length()} bytes arrived or the peer closed. */
    static String exchange(Socket s, String request, int expectedLength) throws IOException {
        s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = s.getInputStream();
        byte[] buf = new byte[expectedLength];
        int n = 0;
        while (n < expectedLength) {
            int r = in.read(buf, n, expectedLength - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return new String(buf, 0, n, StandardCharsets.ISO_8859_1);
    }

    static String command(Socket s, String... args) throws IOException {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
        s.getOutputStream().write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        byte[] buf = new byte[4096];
        int n = s.getInputStream().read(buf);
        return n < 0 ? "" : new String(buf, 0, n, StandardCharsets.ISO_8859_1);
    }

    @Test
    void answersOnTheEphemeralPortItReports() throws Exception {
        assertTrue(server.port() > 0);
        assertEquals("blocking", server.transportName());
        try (Socket s = connect()) {
            assertEquals("+PONG\r\n", command(s, "PING"));
            String info = command(s, "INFO", "server");
            assertTrue(info.contains("transport:blocking\r\n"), info);
            assertTrue(info.contains("transport_backend:" + server.transportBackend() + "\r\n"), info);
            assertTrue(info.contains("tcp_port:" + server.port() + "\r\n"), info);
        }
    }

    @Test
    void protoMaxBulkLenChangeReachesClientsAlreadyConnected() throws Exception {
        try (Socket admin = connect(); Socket other = connect()) {
            assertEquals("+PONG\r\n", command(other, "PING"));
            assertEquals("+OK\r\n", command(admin, "CONFIG", "SET", "proto-max-bulk-len", "1mb"));
            try {
                String reply = exchange(other, "*2\r\n$4\r\nECHO\r\n$2000000\r\n", 64);
                assertEquals("-ERR Protocol error: invalid bulk length\r\n", reply);
            } finally {
                assertEquals("+OK\r\n", command(admin, "CONFIG", "SET", "proto-max-bulk-len", "512mb"));
            }
        }
    }

    @Test
    void maxclientsRefusesWithRedisTextAndCloses() throws Exception {
        try (Socket admin = connect()) {
            int connected = Integer.parseInt(command(admin, "INFO", "clients").lines()
                    .filter(l -> l.startsWith("connected_clients:")).findFirst().orElseThrow().substring(18).trim());
            assertEquals("+OK\r\n", command(admin, "CONFIG", "SET", "maxclients", Integer.toString(connected)));
            try (Socket refused = connect()) {
                assertEquals("-ERR max number of clients reached\r\n", exchange(refused, "", 64));
                assertEquals(-1, refused.getInputStream().read());
            } finally {
                assertEquals("+OK\r\n", command(admin, "CONFIG", "SET", "maxclients", "10000"));
            }
        }
    }

    @Test
    void protectedModeRefusesOnlyRemotePeersWithoutAPassword() throws Exception {
        var engine = server.engine();
        InetSocketAddress remote = new InetSocketAddress("192.0.2.7", 5000);
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 5000);
        assertTrue(ClientConnection.protectedModeRefuses(engine, remote));
        assertFalse(ClientConnection.protectedModeRefuses(engine, local));
        // Redis's connIsLocal answers -1 when the peer cannot be known, and -1 is not local
        assertTrue(ClientConnection.protectedModeRefuses(engine, null), "unknown peer");
        assertTrue(ClientConnection.protectedModeRefuses(engine, InetSocketAddress.createUnresolved("peer", 5000)),
                "peer without an address");
        try (Socket admin = connect()) {
            assertEquals("+OK\r\n", command(admin, "CONFIG", "SET", "protected-mode", "no"));
            try {
                assertFalse(ClientConnection.protectedModeRefuses(engine, remote));
            } finally {
                assertEquals("+OK\r\n", command(admin, "CONFIG", "SET", "protected-mode", "yes"));
            }
        }
    }

    @Test
    void idleClientsAreClosedSilentlyAfterTimeout() throws Exception {
        try (Socket admin = connect(); Socket idle = connect()) {
            assertEquals("+PONG\r\n", command(idle, "PING"));
            assertEquals("+OK\r\n", command(admin, "CONFIG", "SET", "timeout", "1"));
            try {
                idle.setSoTimeout(10_000);
                long start = System.nanoTime();
                assertEquals(-1, idle.getInputStream().read(), "closed with no reply");
                long waitedMillis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(waitedMillis >= 500, "closed too early: " + waitedMillis + " ms");
            } finally {
                // the admin connection idled too, and was closed the same way: use a fresh one
                try (Socket again = connect()) {
                    assertEquals("+OK\r\n", command(again, "CONFIG", "SET", "timeout", "0"));
                }
            }
            assertEquals(-1, admin.getInputStream().read(), "the idle admin connection was closed too");
        }
    }

    /**
     * A ScheduledExecutorService cancels a task that throws, for good: one Error in a cron tick
     * used to end expiry, timeouts and rehashing silently. Provoked here through the idle timeout
     * killing a client whose channel throws an Error; the next ticks must still expire keys.
     */
    @Test
    void theCronKeepsTickingAfterATickThrowsAnError() throws Exception {
        var engine = server.engine();
        java.util.concurrent.CountDownLatch thrown = new java.util.concurrent.CountDownLatch(1);
        ClientChannel broken = new ClientChannel() {
            @Override
            public InetSocketAddress remoteAddress() {
                return new InetSocketAddress("127.0.0.1", 1);
            }

            @Override
            public InetSocketAddress localAddress() {
                return new InetSocketAddress("127.0.0.1", server.port());
            }

            @Override
            public long pendingOutputBytes() {
                return 0;
            }

            @Override
            public void close() {
                thrown.countDown();
                throw new StackOverflowError("a bug in a channel's close");
            }
        };
        engine.executionLock().lock();
        try {
            engine.openSession(broken);
        } finally {
            engine.executionLock().unlock();
        }
        try (Socket admin = connect()) {
            assertEquals("+OK\r\n", command(admin, "CONFIG", "SET", "timeout", "1"));
        }
        try {
            assertTrue(thrown.await(10, java.util.concurrent.TimeUnit.SECONDS), "the idle timeout closed it");
        } finally {
            try (Socket again = connect()) {
                assertEquals("+OK\r\n", command(again, "CONFIG", "SET", "timeout", "0"));
            }
        }
        try (Socket c = connect()) {
            assertEquals("+OK\r\n", command(c, "SELECT", "7"));
            assertEquals("+OK\r\n", command(c, "SET", "volatile", "v", "PX", "50"));
            long deadline = System.nanoTime() + 5_000_000_000L;
            String size = command(c, "DBSIZE");
            while (!size.equals(":0\r\n") && System.nanoTime() < deadline) {
                Thread.sleep(50);
                size = command(c, "DBSIZE");
            }
            assertEquals(":0\r\n", size, "the active expiry of later cron ticks removed the key");
        }
    }
}
