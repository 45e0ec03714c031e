package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisinternals.engine.Effects;
import io.redisinternals.engine.Engine;
import io.redisinternals.command.KeyEvent;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Observes what commands cause besides their replies, on a dedicated reference redis-server and on
 * a dedicated server of ours, so tests can compare them:
 * <ul>
 * <li>the <b>replication stream</b>: on the reference, a connection that sent SYNC, as
 *     {@code redis-cli --replica} does (PINGs dropped); on ours, an {@link Effects} propagation
 *     sink, with SELECT inserted whenever the database changes as Redis's replicationFeedSlaves
 *     does for a replica that just synced;</li>
 * <li>the <b>keyspace events</b>: on the reference, a {@code PSUBSCRIBE __key*__:*} subscriber with
 *     {@code notify-keyspace-events KEA}; on ours, an {@link Effects} event sink whose events are
 *     turned into the (channel, message) pairs Redis's notifyKeyspaceEvent publishes for KEA.</li>
 * </ul>
 * A run ends with a marker write on its own connection (db 0), read back from both streams, so
 * everything the commands caused has arrived when a run returns. A run may also start with a
 * blocking command left waiting on a third connection ({@link #assertSameServed}), to observe what
 * serving a blocked client causes. In the harness self-check
 * ({@code -Dconformance.sut=reference}) "ours" is a second reference observed the same way as the
 * first, which validates the probe itself.
 */
final class EffectsProbe implements AutoCloseable {

    /** What one run caused: replies, propagated commands (with SELECTs) and published events. */
    record Observation(List<String> replies, List<String> stream, List<String> events) {
    }

    private static final String MARKER = "__effects_marker__";
    /** A: every class but keymiss and new ("g$lshzxetd"). */
    private static final int ALL_CLASSES = KeyEvent.GENERIC | KeyEvent.STRING | KeyEvent.LIST | KeyEvent.SET
            | KeyEvent.HASH | KeyEvent.ZSET | KeyEvent.EXPIRED | KeyEvent.EVICTED | KeyEvent.STREAM | KeyEvent.MODULE;

    /** The event classes of notify-keyspace-events letters, as Redis's keyspaceEventsStringToFlags. */
    static int eventClasses(String letters) {
        int mask = 0;
        for (char c : letters.toCharArray()) {
            mask |= switch (c) {
                case 'A' -> ALL_CLASSES;
                case 'g' -> KeyEvent.GENERIC;
                case '$' -> KeyEvent.STRING;
                case 'l' -> KeyEvent.LIST;
                case 's' -> KeyEvent.SET;
                case 'h' -> KeyEvent.HASH;
                case 'z' -> KeyEvent.ZSET;
                case 'x' -> KeyEvent.EXPIRED;
                case 'e' -> KeyEvent.EVICTED;
                case 't' -> KeyEvent.STREAM;
                case 'd' -> KeyEvent.MODULE;
                case 'm' -> KeyEvent.KEY_MISS;
                case 'n' -> KeyEvent.NEW;
                case 'K' -> KeyEvent.KEYSPACE;
                case 'E' -> KeyEvent.KEYEVENT;
                default -> throw new IllegalArgumentException("event class " + c);
            };
        }
        return mask;
    }

    private final Side reference;
    private final Side ours;
    private int runs;

    EffectsProbe() {
        this("KEA");
    }

    /** A probe whose servers publish the keyspace events of {@code notifyClasses} (K and E included). */
    EffectsProbe(String notifyClasses) {
        // SYNC makes the reference write an RDB file: into a temporary directory, not the build's
        String dir;
        try {
            dir = java.nio.file.Files.createTempDirectory("effects-reference").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // DEBUG allowed on both: DEBUG SET-ACTIVE-EXPIRE 0 leaves expired keys to the lazy path
        ReferenceRedis.Instance ref = ReferenceRedis.startDedicated("--dir", dir, "--enable-debug-command", "yes");
        this.reference = new RemoteSide(ref.endpoint(), ref, notifyClasses);
        String config = ServerUnderTest.configurations().findFirst().orElseThrow();
        ServerUnderTest.Running running = ServerUnderTest.startDedicated(config, "--enable-debug-command", "yes");
        this.ours = running.inProcess() ? new LocalSide(running, notifyClasses)
                : new RemoteSide(running.endpoint(), running, notifyClasses);
    }

    /** Runs {@code commands} (each an argument list) on both servers and asserts they caused the same. */
    void assertSame(String... commandLines) {
        List<String[]> commands = new ArrayList<>();
        for (String line : commandLines) {
            commands.add(line.split(" "));
        }
        assertSame(commands);
    }

    /** {@link #assertSame(String...)} with arguments that may hold spaces. */
    void assertSame(List<String[]> commands) {
        runs++;
        Observation expected = reference.run(commands, runs);
        Observation actual = ours.run(commands, runs);
        String what = commands.stream().map(a -> String.join(" ", a)).toList().toString();
        assertEquals(expected.replies(), actual.replies(), "replies of " + what);
        assertEquals(expected.stream(), actual.stream(), "replication stream of " + what);
        assertEquals(expected.events(), actual.events(), "keyspace events of " + what);
    }

    /**
     * A test's setup: runs {@code commandLines} on both servers and asserts only their replies are
     * equal, not what they propagate or publish (data of another group's commands, which may not
     * declare their effects yet).
     */
    void given(String... commandLines) {
        List<String[]> commands = new ArrayList<>();
        for (String line : commandLines) {
            commands.add(line.split(" "));
        }
        runs++;
        List<String> expected = reference.run(commands, runs).replies();
        List<String> actual = ours.run(commands, runs).replies();
        assertEquals(expected, actual, "replies of the setup " + List.of(commandLines));
    }

    /**
     * Sends {@code blockingLine} (split at spaces) on a connection of its own, waits until the
     * server counts it as a blocked client, then runs {@code commandLines} and asserts as
     * {@link #assertSame(String...)}; the blocked client's reply (served, or timed out) is the
     * last of the replies compared. This is how a client served later is propagated and notified.
     */
    void assertSameServed(String blockingLine, String... commandLines) {
        String[] blocking = blockingLine.split(" ");
        List<String[]> commands = new ArrayList<>();
        for (String line : commandLines) {
            commands.add(line.split(" "));
        }
        runs++;
        Observation expected = reference.runServed(blocking, commands, runs);
        Observation actual = ours.runServed(blocking, commands, runs);
        String what = blockingLine + " served by " + commands.stream().map(a -> String.join(" ", a)).toList();
        assertEquals(expected.replies(), actual.replies(), "replies of " + what);
        assertEquals(expected.stream(), actual.stream(), "replication stream of " + what);
        assertEquals(expected.events(), actual.events(), "keyspace events of " + what);
    }

    /** Runs on the reference only (to see what Redis does while writing a test). */
    Observation reference(String... commandLines) {
        List<String[]> commands = new ArrayList<>();
        for (String line : commandLines) {
            commands.add(line.split(" "));
        }
        return reference.run(commands, ++runs);
    }

    /**
     * Runs on our server only: with {@link #reference}, for commands whose outcome is random (SPOP
     * with a count), whose effects can only be compared in shape.
     */
    Observation ours(String... commandLines) {
        List<String[]> commands = new ArrayList<>();
        for (String line : commandLines) {
            commands.add(line.split(" "));
        }
        return ours.run(commands, ++runs);
    }

    @Override
    public void close() {
        reference.close();
        ours.close();
    }

    // ---- the two sides -----------------------------------------------------------------------

    private abstract static class Side implements AutoCloseable {
        final Endpoint endpoint;
        final RawConnection client;
        final RawConnection marker;

        Side(Endpoint endpoint, String notifyClasses) {
            this.endpoint = endpoint;
            this.client = endpoint.connect();
            this.marker = endpoint.connect();
            assertEquals("+OK\r\n", client.call("CONFIG", "SET", "notify-keyspace-events", notifyClasses).rawText());
        }

        Observation run(List<String[]> commands, int seq) {
            List<String> replies = new ArrayList<>();
            for (String[] c : commands) {
                replies.add(client.call(c).rawText());
            }
            String markerValue = Integer.toString(seq);
            assertEquals("+OK\r\n", marker.call("SET", MARKER, markerValue).rawText());
            return new Observation(replies, normalize(streamUntil(markerValue)), eventsUntilMarker());
        }

        /**
         * {@link #run} after {@code blocking} was sent on a connection of its own (closed after
         * the run) and the server reports it blocked; its reply is added last.
         */
        Observation runServed(String[] blocking, List<String[]> commands, int seq) {
            try (RawConnection waiter = endpoint.connect()) {
                waiter.send(Bytes.command(blocking));
                awaitBlocked();
                List<String> replies = new ArrayList<>();
                for (String[] c : commands) {
                    replies.add(client.call(c).rawText());
                }
                replies.add(waiter.read().rawText());
                String markerValue = Integer.toString(seq);
                assertEquals("+OK\r\n", marker.call("SET", MARKER, markerValue).rawText());
                return new Observation(replies, normalize(streamUntil(markerValue)), eventsUntilMarker());
            }
        }

        /** Polls INFO clients on the marker connection (a read: nothing propagated) for one blocked client. */
        private void awaitBlocked() {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!marker.call("INFO", "clients").rawText().contains("\r\nblocked_clients:1\r\n")) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the blocking command did not block within 5 s");
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }

        /** The propagated commands up to and including the marker SET, one line each. */
        abstract List<String> streamUntil(String markerValue);

        /** The published (channel, message) pairs up to the marker's keyevent. */
        abstract List<String> eventsUntilMarker();

        @Override
        public void close() {
            client.close();
            marker.close();
        }
    }

    /** A server observed over the network: a SYNCed replica link and a pattern subscriber. */
    private static final class RemoteSide extends Side {
        private final AutoCloseable server;
        private final Socket replica;
        private final RespReader replicaReader;
        private final RawConnection subscriber;

        RemoteSide(Endpoint endpoint, AutoCloseable server, String notifyClasses) {
            super(endpoint, notifyClasses);
            this.server = server;
            try {
                replica = new Socket();
                replica.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), 5_000);
                replica.setSoTimeout(10_000);
                InputStream in = new BufferedInputStream(replica.getInputStream());
                OutputStream out = replica.getOutputStream();
                out.write("SYNC\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                skipRdb(in);
                replicaReader = new RespReader(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot attach a replica link to " + endpoint, e);
            }
            subscriber = endpoint.connect();
            Reply r = subscriber.call("PSUBSCRIBE", "__key*__:*");
            assertEquals("psubscribe", r.child(0).text(), "subscribed: " + r);
        }

        /** The full sync payload: newlines while the RDB is made, then {@code $<len>\r\n} and the RDB. */
        private static void skipRdb(InputStream in) throws IOException {
            int c;
            while ((c = in.read()) == '\n') {
                // keepalive newlines before the payload
            }
            if (c != '$') {
                throw new IOException("expected the RDB bulk after SYNC, got byte " + c);
            }
            StringBuilder len = new StringBuilder();
            while ((c = in.read()) != '\r') {
                len.append((char) c);
            }
            in.read(); // \n
            in.readNBytes(Integer.parseInt(len.toString()));
        }

        @Override
        List<String> streamUntil(String markerValue) {
            List<String> ops = new ArrayList<>();
            try {
                while (true) {
                    Reply r = replicaReader.read();
                    List<String> args = new ArrayList<>();
                    for (Reply a : r.children()) {
                        args.add(Bytes.visible(a.payload()));
                    }
                    if (args.equals(List.of("PING"))) {
                        continue; // the master's periodic ping, not caused by the commands
                    }
                    ops.add(String.join(" ", args));
                    if (args.equals(List.of("SET", MARKER, markerValue))) {
                        return ops;
                    }
                }
            } catch (IOException e) {
                throw new AssertionError("replication stream ended or stalled after " + ops, e);
            }
        }

        @Override
        List<String> eventsUntilMarker() {
            List<String> events = new ArrayList<>();
            while (true) {
                Reply r = subscriber.read();
                String channel = Bytes.visible(r.child(2).payload());
                String message = Bytes.visible(r.child(3).payload());
                events.add(channel + " " + message);
                if (channel.equals("__keyevent@0__:set") && message.equals(MARKER)) {
                    return events;
                }
            }
        }

        @Override
        public void close() {
            super.close();
            subscriber.close();
            try {
                replica.close();
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Our server in this JVM: its engine's effects sinks record what the remote side observes. */
    private static final class LocalSide extends Side {
        private final ServerUnderTest.Running running;
        private final List<String> stream = Collections.synchronizedList(new ArrayList<>());
        private final List<String> events = Collections.synchronizedList(new ArrayList<>());
        private final Effects.PropagationSink propagation;
        private final Effects.KeyEventSink keyEvents;
        /** The database of the last propagated command, -1 before the first (a replica that just synced). */
        private int streamDb = -1;

        LocalSide(ServerUnderTest.Running running, String notifyClasses) {
            super(running.endpoint(), notifyClasses);
            int classes = eventClasses(notifyClasses);
            this.running = running;
            this.propagation = (db, argv) -> {
                if (db != streamDb) {
                    stream.add("SELECT " + db);
                    streamDb = db;
                }
                List<String> args = new ArrayList<>();
                for (byte[] a : argv) {
                    args.add(Bytes.visible(a));
                }
                stream.add(String.join(" ", args));
            };
            this.keyEvents = (db, type, event, key) -> {
                if ((type & classes) != 0) {
                    String k = Bytes.visible(key);
                    if ((classes & KeyEvent.KEYSPACE) != 0) {
                        events.add("__keyspace@" + db + "__:" + k + " " + event);
                    }
                    if ((classes & KeyEvent.KEYEVENT) != 0) {
                        events.add("__keyevent@" + db + "__:" + event + " " + k);
                    }
                }
            };
            withLock(engine -> {
                // a replica link: what a script's redis.set_repl(REPL_AOF) keeps from replicas it does not see
                engine.effects().addPropagationSink(Effects.REPLICA, propagation);
                engine.effects().addKeyEventSink(keyEvents);
            });
        }

        private void withLock(java.util.function.Consumer<Engine> action) {
            Engine engine = running.server().engine();
            Lock lock = engine.executionLock();
            lock.lock();
            try {
                action.accept(engine);
            } finally {
                lock.unlock();
            }
        }

        @Override
        List<String> streamUntil(String markerValue) {
            // the marker's reply came after the sinks ran (they run before the reply is written)
            synchronized (stream) {
                List<String> copy = new ArrayList<>(stream);
                stream.clear();
                return copy;
            }
        }

        @Override
        List<String> eventsUntilMarker() {
            synchronized (events) {
                List<String> copy = new ArrayList<>(events);
                events.clear();
                return copy;
            }
        }

        @Override
        public void close() {
            withLock(engine -> {
                engine.effects().removePropagationSink(propagation);
                engine.effects().removeKeyEventSink(keyEvents);
            });
            super.close();
            running.close();
        }
    }

    // ---- normalization -------------------------------------------------------------------------

    /** Unix times in seconds or milliseconds within 30 days of now. */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.-])\\d{10,13}(?![\\w.])");

    /**
     * Absolute times computed from each server's clock (SET EX becomes SET PXAT now+ms) differ by
     * the milliseconds between the two runs: a time within 30 days of now, in seconds or in
     * milliseconds, becomes {@code <unix-s>} or {@code <unix-ms>}. A time in the wrong unit would
     * not be near now in the same unit, so the unit is still checked.
     */
    static List<String> normalize(List<String> ops) {
        long nowMs = System.currentTimeMillis();
        long window = 30L * 24 * 3600 * 1000;
        List<String> out = new ArrayList<>(ops.size());
        for (String op : ops) {
            Matcher m = NUMBER.matcher(op);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                long v = Long.parseLong(m.group());
                String r = m.group();
                if (Math.abs(v - nowMs) < window) {
                    r = "<unix-ms>";
                } else if (Math.abs(v - nowMs / 1000) < window / 1000) {
                    r = "<unix-s>";
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(r));
            }
            m.appendTail(sb);
            out.add(sb.toString());
        }
        return out;
    }
}
