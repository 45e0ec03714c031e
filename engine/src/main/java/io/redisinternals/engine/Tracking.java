package io.redisinternals.engine;

import io.redisinternals.command.CommandFlag;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.RespVersion;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Client-side caching support, as Redis's tracking.c: which client may hold which key (default
 * mode: the keys its read-only commands fetched; a key is forgotten once invalidated), which
 * prefixes BCAST clients follow, and the invalidation messages: a RESP3 {@code invalidate} push,
 * or for a RESP2 client through its REDIRECT client subscribed to {@code __redis__:invalidate}, a
 * pub/sub message. Keys are global to all databases (as Redis); a flush invalidates everything
 * with a null. A modification by the client whose command runs is sent to it after that
 * command's reply (Redis's tracking_pending_keys); BCAST keys are collected and sent once per
 * batch of requests (Redis's beforeSleep).
 *
 * <p>Threading: under the engine's execution lock.
 */
public final class Tracking {

    /** One client's tracking state (Redis's CLIENT_TRACKING_* flags and fields). */
    public static final class State {
        boolean bcast;
        boolean optin;
        boolean optout;
        boolean noloop;
        boolean caching;
        boolean brokenRedirect;
        long redirect;
        /** BCAST prefixes, in Redis's rax (byte) order. */
        final TreeSet<PubSub.Name> prefixes = new TreeSet<>(Tracking::compare);

        public boolean bcast() {
            return bcast;
        }

        public boolean brokenRedirect() {
            return brokenRedirect;
        }

        public long redirect() {
            return redirect;
        }
    }

    /** A BCAST prefix: its clients, and the keys modified since the last broadcast with their last modifier. */
    private static final class Prefix {
        final Set<Session> clients = new LinkedHashSet<>();
        TreeMap<PubSub.Name, Session> keys = new TreeMap<>(Tracking::compare);
    }

    private static final byte[] INVALIDATE = "invalidate".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REDIR_BROKEN = "tracking-redir-broken".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHANNEL = "__redis__:invalidate".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_RESP2 = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_RESP3 = "_\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Engine engine;
    /** Key -> ids of the clients that may cache it (ids, not sessions: closed clients are skipped lazily). */
    private final Map<PubSub.Name, Set<Long>> table = new HashMap<>();
    private final TreeMap<PubSub.Name, Prefix> prefixTable = new TreeMap<>(Tracking::compare);
    private long totalItems;
    private int clients;
    /** Invalidations for the client whose command runs, sent after its reply (null: a flush). */
    private final List<byte[]> pending = new ArrayList<>();
    private Session pendingFor;
    /** A flush already sent its null invalidations during the running call. */
    private boolean flushedInCall;

    Tracking(Engine engine) {
        this.engine = engine;
    }

    /** CLIENT TRACKINGINFO's flags, in Redis's order. */
    public static List<String> flags(State s) {
        List<String> f = new ArrayList<>();
        f.add("on");
        if (s.bcast) {
            f.add("bcast");
        }
        if (s.optin) {
            f.add("optin");
            if (s.caching) {
                f.add("caching-yes");
            }
        }
        if (s.optout) {
            f.add("optout");
            if (s.caching) {
                f.add("caching-no");
            }
        }
        if (s.noloop) {
            f.add("noloop");
        }
        if (s.brokenRedirect) {
            f.add("broken_redirect");
        }
        return f;
    }

    /** The client's BCAST prefixes, in byte order. */
    public static List<byte[]> prefixes(State s) {
        List<byte[]> p = new ArrayList<>();
        for (PubSub.Name n : s.prefixes) {
            p.add(n.bytes());
        }
        return p;
    }

    /** CLIENT CACHING YES/NO for the next command. */
    public static void caching(State s, boolean on) {
        s.caching = on;
    }

    /** Whether any client has tracking on: the key signals must then reach us. */
    /**
     * Whether key signals must reach tracking: while a client tracks, and also while keys remain
     * remembered for clients that stopped tracking or left (Redis keeps them in its table until
     * the key is modified or flushed; INFO tracking_total_keys counts them).
     */
    boolean active() {
        return clients > 0 || !table.isEmpty();
    }

    public int clientCount() {
        return clients;
    }

    public long totalKeys() {
        return table.size();
    }

    public long totalItems() {
        return totalItems;
    }

    public long totalPrefixes() {
        return prefixTable.size();
    }

    // ---- CLIENT TRACKING ON/OFF -----------------------------------------------------------

    /** Redis's enableTracking, after CLIENT TRACKING validated its options. */
    public void enable(Session c, long redirect, boolean bcast, boolean optin, boolean optout, boolean noloop,
                       List<byte[]> prefixes) {
        State s = c.tracking();
        if (s == null) {
            s = new State();
            c.tracking(s);
            clients++;
            engine.keySignalsChanged();
        }
        s.brokenRedirect = false;
        s.bcast = bcast;
        s.optin = optin;
        s.optout = optout;
        s.noloop = noloop;
        s.redirect = redirect;
        if (bcast) {
            if (prefixes.isEmpty()) {
                follow(c, s, new byte[0]);
            }
            for (byte[] p : prefixes) {
                follow(c, s, p);
            }
        }
    }

    private void follow(Session c, State s, byte[] prefix) {
        PubSub.Name name = new PubSub.Name(prefix);
        Prefix p = prefixTable.computeIfAbsent(name, k -> new Prefix());
        if (p.clients.add(c)) {
            s.prefixes.add(name);
        }
    }

    /** Redis's disableTracking: the client's ids in the key table are dropped lazily. */
    public void disable(Session c) {
        State s = c.tracking();
        if (s == null) {
            return;
        }
        for (PubSub.Name name : s.prefixes) {
            Prefix p = prefixTable.get(name);
            if (p != null && p.clients.remove(c) && p.clients.isEmpty()) {
                prefixTable.remove(name);
            }
        }
        c.tracking(null);
        clients--;
        engine.keySignalsChanged();
    }

    /**
     * Redis's checkPrefixCollisionsOrReply: the error text when a new prefix overlaps one the
     * client follows or another new one, else null.
     */
    public static String prefixCollision(State existing, List<byte[]> prefixes) {
        for (int i = 0; i < prefixes.size(); i++) {
            byte[] p = prefixes.get(i);
            if (existing != null) {
                for (PubSub.Name e : existing.prefixes) {
                    if (overlap(e.bytes(), p)) {
                        return "ERR Prefix '" + text(p) + "' overlaps with an existing prefix '" + text(e.bytes())
                                + "'. Prefixes for a single client must not overlap.";
                    }
                }
            }
            for (int j = i + 1; j < prefixes.size(); j++) {
                if (overlap(p, prefixes.get(j))) {
                    return "ERR Prefix '" + text(p) + "' overlaps with another provided prefix '" + text(prefixes.get(j))
                            + "'. Prefixes for a single client must not overlap.";
                }
            }
        }
        return null;
    }

    private static boolean overlap(byte[] a, byte[] b) {
        return Arrays.equals(a, 0, Math.min(a.length, b.length), b, 0, Math.min(a.length, b.length));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    // ---- remembering what a client read ---------------------------------------------------

    /**
     * After a read-only command of a tracking client (not BCAST): its keys may now be cached by
     * it, unless OPTIN without CACHING YES or OPTOUT with CACHING NO. Pub/sub commands' shard
     * channels are not keys here.
     */
    void remember(Session c, CommandTable.Entry entry, Argv argv) {
        State s = c.tracking();
        if (s == null || s.bcast || !entry.spec.has(CommandFlag.READONLY) || entry.spec.has(CommandFlag.PUBSUB)) {
            return;
        }
        if ((s.optin && !s.caching) || (s.optout && s.caching)) {
            return;
        }
        List<int[]> keys = CommandKeys.of(entry.spec, argv, 0);
        if (keys == null) {
            return;
        }
        for (int[] k : keys) {
            Set<Long> ids = table.computeIfAbsent(new PubSub.Name(argv.bytes(k[0])), x -> new LinkedHashSet<>());
            if (ids.add(c.id())) {
                totalItems++;
            }
        }
    }

    // ---- invalidation -----------------------------------------------------------------------

    /**
     * Redis's trackingInvalidateKey: a key changed (written, deleted, expired, evicted); by
     * {@code modifier} (the running client, or null for expiry and eviction).
     */
    void invalidate(byte[] key, Session modifier, boolean bcast) {
        if (bcast && !prefixTable.isEmpty()) {
            for (Map.Entry<PubSub.Name, Prefix> e : prefixTable.entrySet()) {
                byte[] p = e.getKey().bytes();
                if (p.length <= key.length && Arrays.equals(p, 0, p.length, key, 0, p.length)) {
                    e.getValue().keys.put(new PubSub.Name(key.clone()), modifier);
                }
            }
        }
        Set<Long> ids = table.remove(new PubSub.Name(key));
        if (ids == null) {
            return;
        }
        totalItems -= ids.size();
        if (clients == 0 && table.isEmpty()) {
            engine.keySignalsChanged(); // the last remembered key is gone: stop listening
        }
        for (long id : ids) {
            Session target = engine.client(id);
            if (target == null || target.tracking() == null || target.tracking().bcast) {
                continue;
            }
            if (target.tracking().noloop && target == modifier) {
                continue;
            }
            byte[] keys = keyArray(key);
            if (target == modifier) {
                pendingFor = target; // after its reply, as Redis's tracking_pending_keys
                pending.add(keys);
            } else {
                send(target, keys);
            }
        }
    }

    /** Redis's trackingInvalidateKeysOnFlush: a null invalidation to every tracking client, the table emptied. */
    void flushed(Session modifier) {
        if (flushedInCall) {
            table.clear(); // FLUSHALL flushes every database: one null, as Redis's signalFlushedDb(-1)
            totalItems = 0;
            return;
        }
        flushedInCall = modifier != null;
        if (clients > 0) {
            for (Session c : engine.clients()) {
                if (c.tracking() == null) {
                    continue;
                }
                byte[] nul = c.protocol() == RespVersion.RESP3 ? NULL_RESP3 : NULL_RESP2;
                if (c == modifier) {
                    pendingFor = c;
                    pending.add(nul);
                } else {
                    send(c, nul);
                }
            }
        }
        table.clear();
        totalItems = 0;
        if (clients == 0) {
            engine.keySignalsChanged();
        }
    }

    /** After the outermost call: the running client's own invalidations, after its reply. */
    void afterCall() {
        flushedInCall = false;
        if (pending.isEmpty()) {
            return;
        }
        Session c = pendingFor;
        List<byte[]> values = List.copyOf(pending);
        pending.clear();
        pendingFor = null;
        if (!c.isClosed()) {
            for (byte[] v : values) {
                send(c, v);
            }
        }
    }

    /** Redis's trackingBroadcastInvalidationMessages: once per batch, the keys modified per prefix. */
    void broadcast() {
        if (prefixTable.isEmpty()) {
            return;
        }
        for (Prefix p : prefixTable.values()) {
            if (p.keys.isEmpty()) {
                continue;
            }
            byte[] all = keysArray(p.keys, null);
            for (Session c : List.copyOf(p.clients)) {
                if (c.tracking() != null && c.tracking().noloop) {
                    byte[] adhoc = keysArray(p.keys, c);
                    if (adhoc != null) {
                        send(c, adhoc);
                    }
                } else {
                    send(c, all);
                }
            }
            p.keys = new TreeMap<>(Tracking::compare);
        }
    }

    /** Redis's trackingLimitUsedSlots: over tracking-table-max-keys, forget (and invalidate) keys. */
    void limit(long maxKeys) {
        if (maxKeys <= 0 || table.size() <= maxKeys) {
            return;
        }
        Iterator<PubSub.Name> it = new ArrayList<>(table.keySet()).iterator();
        while (table.size() > maxKeys && it.hasNext()) {
            invalidate(it.next().bytes(), null, false);
        }
    }

    /**
     * Redis's sendTrackingMessage: to the client itself (RESP3 push) or to its redirect client
     * (a RESP3 push, or a pub/sub message if it is a subscribed RESP2 client); a redirect client
     * that is gone marks the redirect broken and tells a RESP3 client once per message.
     */
    private void send(Session c, byte[] value) {
        State s = c.tracking();
        Session to = c;
        boolean redirected = false;
        if (s != null && s.redirect != 0) {
            Session r = engine.client(s.redirect);
            if (r == null) {
                s.brokenRedirect = true;
                if (c.protocol() == RespVersion.RESP3) {
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    PubSub.header(b, '>', 2);
                    PubSub.bulk(b, REDIR_BROKEN);
                    b.writeBytes((":" + s.redirect + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    c.push(b.toByteArray());
                }
                return;
            }
            to = r;
            redirected = true;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream(32 + value.length);
        if (to.protocol() == RespVersion.RESP3) {
            PubSub.header(b, '>', 2);
            PubSub.bulk(b, INVALIDATE);
        } else if (redirected && to.inPubSubMode()) {
            PubSub.header(b, '*', 3);
            PubSub.bulk(b, PubSub.MESSAGE);
            PubSub.bulk(b, CHANNEL);
        } else {
            return; // RESP2 without a subscribed redirect: nothing can carry it
        }
        b.writeBytes(value);
        to.push(b.toByteArray());
    }

    private static byte[] keyArray(byte[] key) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(16 + key.length);
        PubSub.header(b, '*', 1);
        PubSub.bulk(b, key);
        return b.toByteArray();
    }

    /** The keys of a prefix as an array, without those last modified by {@code except}; null if none. */
    private static byte[] keysArray(TreeMap<PubSub.Name, Session> keys, Session except) {
        int n = 0;
        for (Session m : keys.values()) {
            if (except == null || m != except) {
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream(16 * n);
        PubSub.header(b, '*', n);
        for (Map.Entry<PubSub.Name, Session> e : keys.entrySet()) {
            if (except == null || e.getValue() != except) {
                PubSub.bulk(b, e.getKey().bytes());
            }
        }
        return b.toByteArray();
    }

    /** Byte order, as Redis's rax keys. */
    static int compare(PubSub.Name a, PubSub.Name b) {
        return Arrays.compareUnsigned(a.bytes(), b.bytes());
    }
}
