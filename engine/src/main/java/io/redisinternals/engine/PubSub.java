package io.redisinternals.engine;

import io.redisinternals.keyspace.dict.GlobMatcher;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.RespVersion;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The server side of publish/subscribe, as Redis's pubsub.c: channel, pattern and shard-channel
 * subscriptions (name to subscribers, in subscription order), and delivery of a published message
 * to every matching subscription — a channel match and each matching pattern deliver separately.
 * Each subscriber's own side (what it is subscribed to, for its replies and counts) is its
 * {@link Subscriptions}.
 *
 * <p>Delivery: a message frame is encoded once per protocol and handed to each subscriber's
 * connection ({@link ClientChannel#push}), which queues it without waiting and enforces the
 * {@code pubsub} output limit; the subscriber's own thread or event loop sends it. When the
 * subscriber is the client running the command (a RESP3 client publishing to itself, or a
 * keyspace event of its own write), the frame goes into its reply buffer instead, before the
 * command's reply, as Redis's addReply does. Since every publish runs under the execution lock
 * and a subscribed connection writes its replies under it too, a subscriber sees messages and
 * replies in the order the server produced them.
 *
 * <p>Threading: under the engine's execution lock.
 */
public final class PubSub {

    /** A channel or pattern name as a map key. */
    record Name(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Name n && Arrays.equals(bytes, n.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * One name's subscribers in subscription order, with an array copy that a publish iterates:
     * a delivery may close a subscriber (output limit) and so change the set, and copying 100
     * subscribers on every publish was a third of PUBLISH's cost. The copy is made again only
     * after the set changed; subscribing is rare next to publishing.
     */
    static final class Subscribers {
        private static final Session[] NONE = new Session[0];
        private final LinkedHashSet<Session> set = new LinkedHashSet<>();
        private Session[] snapshot = NONE;
        private boolean stale;

        boolean add(Session s) {
            boolean added = set.add(s);
            stale |= added;
            return added;
        }

        boolean remove(Session s) {
            boolean removed = set.remove(s);
            stale |= removed;
            return removed;
        }

        int size() {
            return set.size();
        }

        boolean isEmpty() {
            return set.isEmpty();
        }

        /** The subscribers as of now; not changed by later (un)subscriptions. */
        Session[] snapshot() {
            if (stale) {
                snapshot = set.toArray(NONE);
                stale = false;
            }
            return snapshot;
        }
    }

    static final byte[] MESSAGE = ascii("message");
    static final byte[] PMESSAGE = ascii("pmessage");
    static final byte[] SMESSAGE = ascii("smessage");

    private final Map<Name, Subscribers> channels = new HashMap<>();
    private final Map<Name, Subscribers> shardChannels = new HashMap<>();
    /** Patterns in first-subscription order (Redis iterates a dict: the order is not observable). */
    private final Map<Name, Subscribers> patterns = new LinkedHashMap<>();

    PubSub() {
    }

    public int channelCount() {
        return channels.size();
    }

    public int patternCount() {
        return patterns.size();
    }

    public int shardChannelCount() {
        return shardChannels.size();
    }

    /** Subscribers of {@code channel} (PUBSUB NUMSUB; patterns not counted). */
    public int subscribers(byte[] channel, boolean shard) {
        Subscribers s = (shard ? shardChannels : channels).get(new Name(channel));
        return s == null ? 0 : s.size();
    }

    /** Active channels (with at least one subscriber) matching {@code pattern}, or all when null. */
    public List<byte[]> channels(byte[] pattern, boolean shard) {
        List<byte[]> out = new ArrayList<>();
        for (Name n : (shard ? shardChannels : channels).keySet()) {
            if (pattern == null || GlobMatcher.matches(pattern, n.bytes(), false)) {
                out.add(n.bytes());
            }
        }
        return out;
    }

    // ---- a subscriber's changes (its Subscriptions calls these) -----------------------------

    void add(Map<Name, Subscribers> which, Name name, Session s) {
        version++;
        which.computeIfAbsent(name, k -> new Subscribers()).add(s);
    }

    void remove(Map<Name, Subscribers> which, Name name, Session s) {
        version++;
        Subscribers subs = which.get(name);
        if (subs != null && subs.remove(s) && subs.isEmpty()) {
            which.remove(name); // no empty entries: a client cannot grow the table by churning names
        }
    }

    Map<Name, Subscribers> channelMap(boolean shard) {
        return shard ? shardChannels : channels;
    }

    Map<Name, Subscribers> patternMap() {
        return patterns;
    }

    // ---- publishing ------------------------------------------------------------------------

    /**
     * Delivers {@code message} on {@code channel} to its subscribers and, unless {@code shard}, to
     * every subscriber of a matching pattern; returns the number of deliveries (PUBLISH's reply).
     */
    public int publish(byte[] channel, byte[] message, boolean shard) {
        if (channels.isEmpty() && patterns.isEmpty() && shardChannels.isEmpty()) {
            return 0; // the common case of keyspace events nobody listens to
        }
        return publish(channel, null, message, null, 0, shard);
    }

    /**
     * PUBLISH's form: the channel and the message are arguments {@code channelArg} and
     * {@code channelArg + 1} of {@code argv}, read in place (no copy of the message, and none of
     * the channel while it is the one published to last).
     */
    public int publish(Argv argv, int channelArg, boolean shard) {
        if (channels.isEmpty() && patterns.isEmpty() && shardChannels.isEmpty()) {
            return 0;
        }
        return publish(null, argv, null, argv, channelArg + 1, shard);
    }

    private int publish(byte[] channel, Argv channelArgv, byte[] message, Argv messageArgv, int messageArg, boolean shard) {
        Route route = route(channel, channelArgv, messageArg - 1, shard);
        if (route.subscribers == null && route.patterns.length == 0) {
            return 0;
        }
        // A delivery cannot publish, but a nested publish must not clobber the shared encoder.
        Frames frames = this.frames.inUse ? new Frames() : this.frames;
        frames.inUse = true;
        try {
            return deliverAll(frames, route, message, messageArgv, messageArg, shard);
        } finally {
            frames.release();
        }
    }

    /** Changes to any subscription table: a remembered route is valid while this is unchanged. */
    private long version;

    /**
     * Where a channel's messages go: its subscribers and the matching patterns' (each with its
     * name), worked out once and reused while the same channel is published to and no
     * subscription changed — a publisher usually publishes to one channel over and over, and
     * looking it up and matching every pattern cost an allocation and a hash per message.
     */
    private static final class Route {
        @SuppressWarnings("unchecked")
        static final Map.Entry<Name, Subscribers>[] NO_PATTERNS = new Map.Entry[0];
        static final Route NONE = new Route(null, 0, false, null, NO_PATTERNS);
        final byte[] channel;
        final long version;
        final boolean shard;
        final Subscribers subscribers;
        final Map.Entry<Name, Subscribers>[] patterns;

        Route(byte[] channel, long version, boolean shard, Subscribers subscribers, Map.Entry<Name, Subscribers>[] patterns) {
            this.channel = channel;
            this.version = version;
            this.shard = shard;
            this.subscribers = subscribers;
            this.patterns = patterns;
        }
    }

    /** Channel names longer than this are not remembered (a route keeps its channel reachable). */
    private static final int ROUTE_CHANNEL_MAX = 256;
    private Route lastRoute = Route.NONE;

    @SuppressWarnings("unchecked")
    private Route route(byte[] channel, Argv argv, int channelArg, boolean shard) {
        Route last = lastRoute;
        if (channel == null && last.version == version && last.shard == shard && last.channel != null
                && argv.contentEquals(channelArg, last.channel)) {
            return last;
        }
        byte[] name = channel != null ? channel : argv.bytes(channelArg);
        Subscribers subs = (shard ? shardChannels : channels).get(new Name(name));
        if (subs != null && subs.isEmpty()) {
            subs = null;
        }
        List<Map.Entry<Name, Subscribers>> matched = List.of(); // a keyspace event's route is not kept: no array for no match
        if (!shard && !patterns.isEmpty()) {
            matched = new ArrayList<>(2);
            for (Map.Entry<Name, Subscribers> e : patterns.entrySet()) {
                if (GlobMatcher.matches(e.getKey().bytes(), name, false)) {
                    matched.add(e);
                }
            }
        }
        Route r = new Route(name, version, shard, subs, matched.isEmpty() ? Route.NO_PATTERNS : matched.toArray(Route.NO_PATTERNS));
        if (channel == null && name.length <= ROUTE_CHANNEL_MAX) {
            lastRoute = r; // a PUBLISH's own copy; a caller's array (keyspace events) may be reused by it
        }
        return r;
    }

    private int deliverAll(Frames frames, Route route, byte[] message, Argv messageArgv, int messageArg, boolean shard) {
        int receivers = 0;
        byte[] channel = route.channel;
        if (route.subscribers != null) {
            frames.message(shard ? SMESSAGE : MESSAGE, null, channel, message, messageArgv, messageArg);
            for (Session s : route.subscribers.snapshot()) { // a delivery may close a subscriber (output limit)
                frames.deliver(s);
                receivers++;
            }
        }
        // The matches were found before any delivery: a delivery may close a subscriber and change the map.
        for (Map.Entry<Name, Subscribers> e : route.patterns) {
            frames.message(PMESSAGE, e.getKey().bytes(), channel, message, messageArgv, messageArg);
            for (Session s : e.getValue().snapshot()) {
                frames.deliver(s);
                receivers++;
            }
        }
        return receivers;
    }

    private final Frames frames = new Frames();

    /**
     * The frames of the message being delivered, encoded at most once per protocol (a push in
     * RESP3, an array in RESP2: the same bytes but the first) into a scratch buffer reused from
     * one publish to the next — subscribers copy what they are pushed, and a fresh array per
     * publish cost more than the rest of PUBLISH (cold memory on every message). A message whose
     * frames exceed {@link #KEPT} gets arrays of its own, dropped afterwards.
     */
    private static final class Frames {
        private static final int KEPT = 16 * 1024;
        private byte[] scratch = new byte[256];
        private byte[] kind;
        private byte[] pattern;
        private byte[] channel;
        private byte[] message;
        /** Or the message in place: argument {@link #messageArg} of this request. */
        private Argv messageArgv;
        private int messageArg;
        private int size;
        private byte[] resp2;
        private byte[] resp3;
        private int resp3At;
        boolean inUse;

        void message(byte[] kind, byte[] pattern, byte[] channel, byte[] message, Argv messageArgv, int messageArg) {
            this.kind = kind;
            this.pattern = pattern;
            this.channel = channel;
            this.message = message;
            this.messageArgv = messageArgv;
            this.messageArg = messageArg;
            int messageLength = message != null ? message.length : messageArgv.length(messageArg);
            size = headerSize(pattern == null ? 3 : 4) + bulkSize(kind) + bulkSize(channel)
                    + headerSize(messageLength) + messageLength + 2 + (pattern == null ? 0 : bulkSize(pattern));
            resp2 = null;
            resp3 = null;
        }

        void deliver(Session s) {
            if (s.protocol() == RespVersion.RESP3) {
                if (resp3 == null) {
                    resp3 = encode('>');
                    resp3At = resp3 == scratch ? scratch.length - size : 0;
                }
                s.push(resp3, resp3At, size);
            } else {
                if (resp2 == null) {
                    resp2 = encode('*');
                }
                s.push(resp2, 0, size);
            }
        }

        /** RESP2 at the start of the scratch buffer, RESP3 at its end, or an exact array of its own. */
        private byte[] encode(char type) {
            byte[] f;
            int at;
            if (2 * size > KEPT) {
                f = new byte[size];
                at = 0;
            } else {
                if (scratch.length < 2 * size) {
                    scratch = new byte[Math.min(KEPT, Math.max(2 * size, 2 * scratch.length))];
                }
                f = scratch;
                at = type == '>' ? scratch.length - size : 0;
            }
            at = putHeader(f, at, (byte) type, pattern == null ? 3 : 4);
            at = putBulk(f, at, kind);
            if (pattern != null) {
                at = putBulk(f, at, pattern);
            }
            at = putBulk(f, at, channel);
            if (message != null) {
                putBulk(f, at, message);
            } else {
                int n = messageArgv.length(messageArg);
                at = putHeader(f, at, (byte) '$', n);
                messageArgv.copyTo(messageArg, f, at);
                f[at + n] = '\r';
                f[at + n + 1] = '\n';
            }
            return f;
        }

        /** Drops the message's arrays: a big message must not stay reachable from here. */
        void release() {
            kind = pattern = channel = message = null;
            messageArgv = null;
            resp2 = resp3 = null;
            inUse = false;
        }
    }

    private static int digits(int n) {
        int d = 1;
        while (n >= 10) {
            n /= 10;
            d++;
        }
        return d;
    }

    private static int headerSize(int n) {
        return 1 + digits(n) + 2;
    }

    private static int bulkSize(byte[] v) {
        return headerSize(v.length) + v.length + 2;
    }

    private static int putHeader(byte[] f, int at, byte type, int n) {
        f[at] = type;
        int end = at + 1 + digits(n);
        for (int i = end - 1; i > at; i--) {
            f[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        f[end] = '\r';
        f[end + 1] = '\n';
        return end + 2;
    }

    private static int putBulk(byte[] f, int at, byte[] v) {
        at = putHeader(f, at, (byte) '$', v.length);
        System.arraycopy(v, 0, f, at, v.length);
        at += v.length;
        f[at] = '\r';
        f[at + 1] = '\n';
        return at + 2;
    }

    static void header(java.io.ByteArrayOutputStream b, char type, long n) {
        b.write(type);
        b.writeBytes(ascii(Long.toString(n)));
        b.write('\r');
        b.write('\n');
    }

    static void bulk(java.io.ByteArrayOutputStream b, byte[] v) {
        header(b, '$', v.length);
        b.writeBytes(v);
        b.write('\r');
        b.write('\n');
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
