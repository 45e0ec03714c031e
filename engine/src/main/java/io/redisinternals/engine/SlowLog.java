package io.redisinternals.engine;

import io.redisinternals.resp.Argv;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;

/**
 * The slow log (SLOWLOG GET/LEN/RESET), Redis's {@code slowlog.c}: the newest entries first, at most
 * {@code slowlog-max-len} of them, each a bounded copy of the command's arguments.
 *
 * <p>As Redis's slowlogPushEntryIfNeeded, a call is offered to the log after it ran: nothing
 * happens while {@code slowlog-log-slower-than} is negative (not even trimming, so entries kept
 * from before stay until the log is enabled again or reset); otherwise a call at least that many
 * microseconds long is added, then the oldest entries beyond the maximum are dropped. So a lowered
 * maximum takes effect at the next call (the CONFIG SET itself), as in Redis.
 *
 * <p>Threading: under the engine's execution lock.
 */
public final class SlowLog {

    /** Redis's SLOWLOG_ENTRY_MAX_ARGC: the last kept slot says how many more there were. */
    static final int MAX_ARGC = 32;
    /** Redis's SLOWLOG_ENTRY_MAX_STRING: longer arguments are cut and say how many bytes more. */
    static final int MAX_STRING = 128;
    private static final byte[] REDACTED = "(redacted)".getBytes(StandardCharsets.US_ASCII);

    /**
     * One logged call.
     *
     * @param id       position in the server's sequence of entries, from 0, never reused (RESET keeps counting)
     * @param time     unix seconds when the call ended
     * @param micros   how long it ran
     * @param args     the arguments as logged (bounded as described above)
     * @param client   the client's address (null: none, e.g. an embedded session)
     * @param name     the client's name at that moment, "" if none
     */
    public record Entry(long id, long time, long micros, byte[][] args, InetSocketAddress client, String name) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long nextId;
    private long slowerThan;
    private long maxLen;

    SlowLog(long slowerThan, long maxLen) {
        this.slowerThan = slowerThan;
        this.maxLen = maxLen;
    }

    void slowerThan(long micros) {
        this.slowerThan = micros;
    }

    /** slowlog-log-slower-than: microseconds, negative when the log is off. */
    long slowerThan() {
        return slowerThan;
    }

    void maxLen(long n) {
        this.maxLen = n;
    }

    /** Whether the log takes anything now (a negative threshold disables it, trimming included). */
    boolean enabled() {
        return slowerThan >= 0;
    }

    /**
     * Offers a finished call: logged if it took at least the threshold, then the log is trimmed to
     * its maximum. {@code redacted} (or null) names arguments shown as "(redacted)".
     */
    void offer(Session session, Argv argv, BitSet redacted, long micros, long nowMillis) {
        if (slowerThan < 0) {
            return;
        }
        if (micros >= slowerThan) {
            ClientChannel ch = session.channel();
            String name = session.name();
            entries.addFirst(new Entry(nextId++, nowMillis / 1000, micros, copyArgs(argv, redacted),
                    ch == null ? null : ch.remoteAddress(), name == null ? "" : name));
        }
        while (entries.size() > maxLen) {
            entries.removeLast();
        }
    }

    /**
     * The arguments as Redis's slowlogCreateEntry keeps them: at most {@link #MAX_ARGC}, the last
     * kept one replaced by {@code "... (N more arguments)"} when there were more; each cut to
     * {@link #MAX_STRING} bytes followed by {@code "... (N more bytes)"}.
     */
    static byte[][] copyArgs(Argv argv, BitSet redacted) {
        int argc = argv.count();
        int kept = Math.min(argc, MAX_ARGC);
        byte[][] out = new byte[kept][];
        for (int j = 0; j < kept; j++) {
            if (kept != argc && j == kept - 1) {
                out[j] = ("... (" + (argc - kept + 1) + " more arguments)").getBytes(StandardCharsets.US_ASCII);
            } else if (redacted != null && redacted.get(j)) {
                out[j] = REDACTED;
            } else if (argv.length(j) > MAX_STRING) {
                byte[] more = ("... (" + (argv.length(j) - MAX_STRING) + " more bytes)").getBytes(StandardCharsets.US_ASCII);
                byte[] cut = new byte[MAX_STRING + more.length];
                for (int k = 0; k < MAX_STRING; k++) {
                    cut[k] = argv.byteAt(j, k);
                }
                System.arraycopy(more, 0, cut, MAX_STRING, more.length);
                out[j] = cut;
            } else {
                out[j] = argv.bytes(j);
            }
        }
        return out;
    }

    /** SLOWLOG LEN. */
    public int size() {
        return entries.size();
    }

    /** SLOWLOG RESET: every entry goes; ids go on from where they were. */
    public void reset() {
        entries.clear();
    }

    /** The {@code count} newest entries (all of them if fewer), newest first. */
    public List<Entry> newest(long count) {
        List<Entry> out = new ArrayList<>((int) Math.min(count, entries.size()));
        Iterator<Entry> it = entries.iterator();
        for (long n = 0; n < count && it.hasNext(); n++) {
            out.add(it.next());
        }
        return out;
    }
}
