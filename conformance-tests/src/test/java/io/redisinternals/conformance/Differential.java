package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.opentest4j.AssertionFailedError;

/**
 * Sends the same input to the reference and to our server and compares what comes back: exact
 * bytes by default, a named {@link Normalize normal form} where values legitimately differ. In
 * RESP3 mode both connections start with {@code HELLO 3} (whose replies are compared too, with the
 * client id masked).
 */
public final class Differential implements AutoCloseable {

    /** How long a server must stay quiet before "no reply, connection open" is concluded. */
    public static final int QUIET_MILLIS = 300;

    private final RawConnection ref;
    private final RawConnection ours;
    private final String label;
    private final List<String> mismatches = new ArrayList<>();
    private boolean soft;

    private Differential(Endpoint reference, Endpoint ours, int resp) {
        this.ref = reference.connect();
        this.ours = ours.connect();
        this.label = ours.name() + "/RESP" + resp;
        if (resp == 3) {
            same(Normalize.mapMasking("id"), "HELLO", "3");
        }
    }

    /** Connections to the shared reference and to our server in configuration {@code config}, in RESP{@code resp}. */
    public static Differential open(String config, int resp) {
        return new Differential(ReferenceRedis.shared(), ServerUnderTest.get(config), resp);
    }

    public static Differential open(Endpoint reference, Endpoint ours, int resp) {
        return new Differential(reference, ours, resp);
    }

    /**
     * From now on, {@link #same} records a mismatch and carries on instead of failing at once, so one
     * run reports every differing reply of a long list of independent checks. The recorded
     * mismatches fail the test at {@link #assertNoMismatches()} or, at the latest, at {@link #close()}.
     */
    public Differential soft() {
        soft = true;
        return this;
    }

    /**
     * Fails with every mismatch recorded in {@link #soft()} mode since the last call; those are then
     * reported, so {@link #close()} does not report them again.
     */
    public void assertNoMismatches() {
        if (!mismatches.isEmpty()) {
            AssertionError e = new AssertionError(mismatches.size() + " replies differ from the reference:\n"
                    + String.join("\n", mismatches));
            mismatches.clear();
            throw e;
        }
    }

    public RawConnection reference() {
        return ref;
    }

    public RawConnection ours() {
        return ours;
    }

    /** Sends a command to both; asserts identical reply bytes; returns the reference reply. */
    public Reply same(String... command) {
        return same(Normalize.bytes(), command);
    }

    /** Sends a command to both; asserts the replies are equal after {@code normal}. */
    public Reply same(Function<Reply, String> normal, String... command) {
        byte[] bytes = Bytes.command(command);
        Reply expected = ref.send(bytes).read();
        Reply actual = ours.send(bytes).read();
        try {
            assertEquals(normal.apply(expected), normal.apply(actual),
                    () -> label + ": " + String.join(" ", command) + "\n  reference: " + expected.visible()
                            + "\n  ours:      " + actual.visible());
        } catch (AssertionFailedError e) {
            if (!soft) {
                throw e;
            }
            String text = e.getMessage();
            mismatches.add(text.substring(0, text.indexOf(" ==> ") > 0 ? text.indexOf(" ==> ") : text.length()));
        }
        return expected;
    }

    /**
     * {@link #same} for the few commands whose reply shows the reference's C library: against the
     * static musl build ({@link ReferenceRedis#isMuslBuild}) ours must equal {@code glibcReply}, the
     * reply observed from Debian's glibc build (the reference of record), and the reference's own
     * reply is read and set aside.
     */
    public void sameAsGlibc(String glibcReply, String... command) {
        if (!ReferenceRedis.isMuslBuild()) {
            same(command);
            return;
        }
        byte[] bytes = Bytes.command(command);
        ref.send(bytes).read();
        Reply actual = ours.send(bytes).read();
        assertEquals(glibcReply, actual.rawText(), () -> label + ": " + String.join(" ", command)
                + " (as redis-server built with glibc replies)");
    }

    // ---- blocking commands: sent now, replied later ----------------------------------------------

    /** Time for a server to take a sent blocking command before another client writes. */
    public static final int SETTLE_MILLIS = 60;

    /** Pauses {@link #SETTLE_MILLIS}: both servers have read what was sent. */
    public static void settle() {
        try {
            Thread.sleep(SETTLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sleeps {@code millis} (polling loops of the tests); an interrupt fails the test. */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Sends a command to both without reading its reply (the client blocks), then {@link #settle()}s. */
    public void sendBlocking(String... command) {
        byte[] bytes = Bytes.command(command);
        ref.send(bytes);
        ours.send(bytes);
        settle();
    }

    /** Reads the next reply of both (a blocked command's) and compares the bytes. */
    public void sameNextReply(String what) {
        Reply expected = ref.read();
        Reply actual = ours.read();
        assertEquals(expected.rawText(), actual.rawText(), () -> label + ": " + what);
    }

    /** {@link #sameNextReply(String)} compared after {@code normal} (e.g. a MONITOR line's time and address). */
    public void sameNextReply(Function<Reply, String> normal, String what) {
        Reply expected = ref.read();
        Reply actual = ours.read();
        assertEquals(normal.apply(expected), normal.apply(actual), () -> label + ": " + what);
    }

    /** Neither server has sent anything more: the client is still blocked. */
    public void noReplyYet(String what) {
        assertEquals("", ref.observe(100).text(), () -> label + " reference: " + what);
        assertEquals("", ours.observe(100).text(), () -> label + " ours: " + what);
    }

    /** Sends raw bytes to both and compares the next {@code replies} replies byte for byte. */
    public List<Reply> sameRaw(byte[] input, int replies) {
        List<Reply> expected = ref.send(input).read(replies);
        List<Reply> actual = ours.send(input).read(replies);
        for (int i = 0; i < replies; i++) {
            Reply e = expected.get(i);
            Reply a = actual.get(i);
            int n = i;
            assertEquals(e.rawText(), a.rawText(), () -> label + ": reply #" + n + " to " + Bytes.visible(input)
                    + "\n  reference: " + e.visible() + "\n  ours:      " + a.visible());
        }
        return expected;
    }

    /**
     * Sends raw bytes to both and compares everything each server sends back until it closes or
     * falls quiet, plus whether it closed. Returns the reference's outcome.
     */
    public RawConnection.Outcome sameOutcome(byte[] input) {
        RawConnection.Outcome expected = ref.sendLenient(input).observe(QUIET_MILLIS);
        RawConnection.Outcome actual = ours.sendLenient(input).observe(QUIET_MILLIS);
        assertEquals(expected.toString(), actual.toString(), () -> label + ": after " + Bytes.visible(input));
        return expected;
    }

    /** {@link #sameOutcome} with the input written one byte at a time. */
    public RawConnection.Outcome sameOutcomeByteByByte(byte[] input) {
        RawConnection.Outcome expected = ref.sendByteByByteLenient(input).observe(QUIET_MILLIS);
        RawConnection.Outcome actual = ours.sendByteByByteLenient(input).observe(QUIET_MILLIS);
        assertEquals(expected.toString(), actual.toString(), () -> label + ": byte by byte " + Bytes.visible(input));
        return expected;
    }

    /**
     * Closes both connections, then fails with any mismatch {@link #soft()} mode recorded and no
     * {@link #assertNoMismatches()} reported, so a soft check can never pass unnoticed. (In a
     * try-with-resources whose body already failed, this failure is added to that one as suppressed.)
     */
    @Override
    public void close() {
        try {
            ref.close();
        } finally {
            ours.close();
        }
        assertNoMismatches();
    }
}
