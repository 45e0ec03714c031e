package io.redisinternals.engine;

import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ReplyWriter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One client's subscriptions, Redis's {@code c->pubsub_channels}, {@code c->pubsub_patterns} and
 * {@code c->pubsubshard_channels}, and the (un)subscribe operations with their confirmations: one
 * {@code [kind, name, count]} push (RESP3) or array (RESP2) per name, where count is the client's
 * channels plus patterns (shard channels for the shard kinds). Kept in the {@link PubSub} registry
 * in step. A session creates it on its first subscription.
 *
 * <p>Threading: under the engine's execution lock.
 */
public final class Subscriptions {

    private static final byte[] SUBSCRIBE = PubSub.ascii("subscribe");
    private static final byte[] UNSUBSCRIBE = PubSub.ascii("unsubscribe");
    private static final byte[] PSUBSCRIBE = PubSub.ascii("psubscribe");
    private static final byte[] PUNSUBSCRIBE = PubSub.ascii("punsubscribe");
    private static final byte[] SSUBSCRIBE = PubSub.ascii("ssubscribe");
    private static final byte[] SUNSUBSCRIBE = PubSub.ascii("sunsubscribe");

    private final Session session;
    private final PubSub registry;
    private final Set<PubSub.Name> channels = new LinkedHashSet<>();
    /** A list, as Redis's: UNSUBSCRIBE-all answers in subscription order. */
    private final List<PubSub.Name> patterns = new ArrayList<>();
    private final Set<PubSub.Name> shardChannels = new LinkedHashSet<>();

    Subscriptions(Session session, PubSub registry) {
        this.session = session;
        this.registry = registry;
    }

    /** Channels plus patterns (Redis's clientSubscriptionsCount). */
    public int count() {
        return channels.size() + patterns.size();
    }

    public int channelCount() {
        return channels.size();
    }

    public int patternCount() {
        return patterns.size();
    }

    public int shardCount() {
        return shardChannels.size();
    }

    /** Whether the client is in pub/sub mode (Redis's CLIENT_PUBSUB): any subscription of any kind. */
    public boolean any() {
        return !channels.isEmpty() || !patterns.isEmpty() || !shardChannels.isEmpty();
    }

    /** SUBSCRIBE / SSUBSCRIBE of arguments 1..n. */
    public void subscribe(Argv argv, ReplyWriter out, boolean shard) {
        Set<PubSub.Name> mine = shard ? shardChannels : channels;
        for (int i = 1; i < argv.count(); i++) {
            PubSub.Name name = new PubSub.Name(argv.bytes(i));
            if (mine.add(name)) {
                registry.add(registry.channelMap(shard), name, session);
            }
            confirm(out, shard ? SSUBSCRIBE : SUBSCRIBE, name.bytes(), shard ? shardCount() : count());
        }
    }

    /** UNSUBSCRIBE / SUNSUBSCRIBE: of arguments 1..n, or of every channel when there are none. */
    public void unsubscribe(Argv argv, ReplyWriter out, boolean shard) {
        if (argv.count() == 1) {
            unsubscribeAll(out, shard);
            return;
        }
        for (int i = 1; i < argv.count(); i++) {
            unsubscribeChannel(new PubSub.Name(argv.bytes(i)), out, shard);
        }
    }

    private void unsubscribeChannel(PubSub.Name name, ReplyWriter out, boolean shard) {
        Set<PubSub.Name> mine = shard ? shardChannels : channels;
        if (mine.remove(name)) {
            registry.remove(registry.channelMap(shard), name, session);
        }
        if (out != null) {
            confirm(out, shard ? SUNSUBSCRIBE : UNSUBSCRIBE, name.bytes(), shard ? shardCount() : count());
        }
    }

    private void unsubscribeAll(ReplyWriter out, boolean shard) {
        Set<PubSub.Name> mine = shard ? shardChannels : channels;
        if (mine.isEmpty()) {
            if (out != null) {
                confirm(out, shard ? SUNSUBSCRIBE : UNSUBSCRIBE, null, shard ? shardCount() : count());
            }
            return;
        }
        for (PubSub.Name name : List.copyOf(mine)) {
            unsubscribeChannel(name, out, shard);
        }
    }

    /** PSUBSCRIBE of arguments 1..n. */
    public void psubscribe(Argv argv, ReplyWriter out) {
        for (int i = 1; i < argv.count(); i++) {
            PubSub.Name name = new PubSub.Name(argv.bytes(i));
            if (!patterns.contains(name)) {
                patterns.add(name);
                registry.add(registry.patternMap(), name, session);
            }
            confirm(out, PSUBSCRIBE, name.bytes(), count());
        }
    }

    /** PUNSUBSCRIBE: of arguments 1..n, or of every pattern when there are none. */
    public void punsubscribe(Argv argv, ReplyWriter out) {
        if (argv.count() > 1) {
            for (int i = 1; i < argv.count(); i++) {
                unsubscribePattern(new PubSub.Name(argv.bytes(i)), out);
            }
        } else if (patterns.isEmpty()) {
            confirm(out, PUNSUBSCRIBE, null, count());
        } else {
            for (PubSub.Name name : List.copyOf(patterns)) {
                unsubscribePattern(name, out);
            }
        }
    }

    private void unsubscribePattern(PubSub.Name name, ReplyWriter out) {
        if (patterns.remove(name)) {
            registry.remove(registry.patternMap(), name, session);
        }
        if (out != null) {
            confirm(out, PUNSUBSCRIBE, name.bytes(), count());
        }
    }

    /** Drops every subscription without a reply (RESET, disconnect). */
    void clear() {
        for (PubSub.Name n : List.copyOf(channels)) {
            unsubscribeChannel(n, null, false);
        }
        for (PubSub.Name n : List.copyOf(shardChannels)) {
            unsubscribeChannel(n, null, true);
        }
        for (PubSub.Name n : List.copyOf(patterns)) {
            unsubscribePattern(n, null);
        }
    }

    /** A confirmation: [kind, name or null, count], a push in RESP3. */
    private static void confirm(ReplyWriter out, byte[] kind, byte[] name, int count) {
        out.pushHeader(3).bulk(kind);
        if (name == null) {
            out.nullBulk();
        } else {
            out.bulk(name);
        }
        out.integer(count);
    }
}
