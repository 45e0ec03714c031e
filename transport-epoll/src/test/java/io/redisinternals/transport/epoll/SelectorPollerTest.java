package io.redisinternals.transport.epoll;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Selector backend against the {@link Poller} contract, without an event loop. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SelectorPollerTest {

    private record Event(Object attachment, int ops) {
    }

    private static List<Event> poll(Poller poller, long timeout) throws IOException {
        List<Event> events = new ArrayList<>();
        poller.poll(timeout, (a, ops) -> events.add(new Event(a, ops)));
        return events;
    }

    @Test
    void listensAcceptsReadsWritesAndChangesInterest() throws Exception {
        try (SelectorPoller poller = new SelectorPoller()) {
            assertEquals("nio-selector", poller.backendName());
            Object listenTag = new Object();
            PollerSocket listener = poller.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16, listenTag);
            assertNull(listener.remoteAddress());
            assertNull(poller.accept(listener), "nothing pending");
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().getPort())) {
                List<Event> events = poll(poller, 2_000);
                assertEquals(List.of(new Event(listenTag, Poller.ACCEPT)), events);
                PollerSocket s = poller.accept(listener);
                assertNotNull(s);
                assertEquals(client.getLocalPort(), s.remoteAddress().getPort());
                Object tag = new Object();
                poller.register(s, Poller.READ, tag);
                assertEquals(0, poll(poller, 0).size(), "no data yet");

                client.getOutputStream().write("ping".getBytes(StandardCharsets.ISO_8859_1));
                assertEquals(List.of(new Event(tag, Poller.READ)), poll(poller, 2_000));
                ByteBuffer in = ByteBuffer.allocateDirect(16);
                assertEquals(4, s.read(in));
                assertEquals(0, s.read(in), "nothing more now");

                poller.interest(s, Poller.READ | Poller.WRITE);
                assertEquals(List.of(new Event(tag, Poller.WRITE)), poll(poller, 2_000));
                ByteBuffer a = ByteBuffer.allocateDirect(2).put((byte) 'o').put((byte) 'k').flip();
                ByteBuffer b = ByteBuffer.allocateDirect(1).put((byte) '\n').flip();
                assertEquals(3, s.write(new ByteBuffer[] {a, b}, 0, 2));
                InputStream cin = client.getInputStream();
                assertEquals("ok\n", new String(cin.readNBytes(3), StandardCharsets.ISO_8859_1));

                poller.interest(s, 0);
                client.getOutputStream().write('x');
                assertEquals(0, poll(poller, 100).size(), "no interest, no events");

                poller.deregister(s);
                s.close();
                s.close(); // idempotent
                assertEquals(-1, cin.read(), "peer sees the close");
                assertThrows(IOException.class, () -> poller.interest(s, Poller.READ));
            }
            listener.close();
        }
    }

    @Test
    void wakeupEndsABlockingPollFromAnotherThread() throws Exception {
        try (SelectorPoller poller = new SelectorPoller()) {
            Thread waker = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                poller.wakeup();
            });
            long start = System.nanoTime();
            assertEquals(0, poller.poll(-1, (a, ops) -> {
                throw new AssertionError("no readiness expected");
            }));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
            waker.join();
            // A wakeup before the poll makes the next poll return at once.
            poller.wakeup();
            assertEquals(0, poller.poll(-1, (a, ops) -> {
            }));
        }
    }

    @Test
    void readReportsEndOfStream() throws Exception {
        try (SelectorPoller poller = new SelectorPoller()) {
            PollerSocket listener = poller.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16, "l");
            Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().getPort());
            poll(poller, 2_000);
            PollerSocket s = poller.accept(listener);
            poller.register(s, Poller.READ, "c");
            client.close();
            assertEquals(List.of(new Event("c", Poller.READ)), poll(poller, 2_000));
            assertEquals(-1, s.read(ByteBuffer.allocateDirect(8)));
            poller.deregister(s);
            s.close();
            listener.close();
        }
    }
}
