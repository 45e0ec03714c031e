package io.redisinternals.engine;

import io.redisinternals.command.KeyEvent;
import io.redisinternals.engine.config.Config;

import java.nio.charset.StandardCharsets;

/**
 * Keyspace notifications, as Redis's notify.c: each keyspace event of a class enabled by
 * {@code notify-keyspace-events} is published as {@code __keyspace@<db>__:<key>} with the event
 * name as message (class K) and as {@code __keyevent@<db>__:<event>} with the key as message
 * (class E), in that order, at the moment the command declares it. An {@link Effects} sink, so it
 * is registered only while some class is enabled: with notifications off (the default) a command's
 * events cost one emptiness check, as before.
 *
 * <p>Threading: under the engine's execution lock, as every effect.
 */
final class KeyspaceNotifications implements Effects.KeyEventSink {

    private static final byte[] KEYSPACE_PREFIX = "__keyspace@".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEYEVENT_PREFIX = "__keyevent@".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEPARATOR = "__:".getBytes(StandardCharsets.US_ASCII);

    private final Effects effects;
    private final PubSub pubSub;
    /** Redis's server.notify_keyspace_events: KeyEvent bits. */
    private int flags;
    private boolean registered;

    KeyspaceNotifications(Effects effects, PubSub pubSub, Config config) {
        this.effects = effects;
        this.pubSub = pubSub;
        configure(config.get("notify-keyspace-events"));
        config.onChange("notify-keyspace-events", this::configure);
    }

    /** Applies a (validated, canonical) notify-keyspace-events value. */
    private void configure(String classes) {
        flags = flags(classes);
        boolean on = (flags & (KeyEvent.KEYSPACE | KeyEvent.KEYEVENT)) != 0
                && (flags & ~(KeyEvent.KEYSPACE | KeyEvent.KEYEVENT)) != 0;
        if (on && !registered) {
            effects.addKeyEventSink(this);
        } else if (!on && registered) {
            effects.removeKeyEventSink(this);
        }
        registered = on;
    }

    /** Redis's keyspaceEventsStringToFlags. */
    static int flags(String classes) {
        int f = 0;
        for (int i = 0; i < classes.length(); i++) {
            f |= switch (classes.charAt(i)) {
                case 'A' -> KeyEvent.GENERIC | KeyEvent.STRING | KeyEvent.LIST | KeyEvent.SET | KeyEvent.HASH
                        | KeyEvent.ZSET | KeyEvent.EXPIRED | KeyEvent.EVICTED | KeyEvent.STREAM | KeyEvent.MODULE;
                case 'g' -> KeyEvent.GENERIC;
                case '$' -> KeyEvent.STRING;
                case 'l' -> KeyEvent.LIST;
                case 's' -> KeyEvent.SET;
                case 'h' -> KeyEvent.HASH;
                case 'z' -> KeyEvent.ZSET;
                case 'x' -> KeyEvent.EXPIRED;
                case 'e' -> KeyEvent.EVICTED;
                case 'K' -> KeyEvent.KEYSPACE;
                case 'E' -> KeyEvent.KEYEVENT;
                case 't' -> KeyEvent.STREAM;
                case 'm' -> KeyEvent.KEY_MISS;
                case 'd' -> KeyEvent.MODULE;
                case 'n' -> KeyEvent.NEW;
                default -> 0; // the config validated the letters
            };
        }
        return f;
    }

    @Override
    public void keyEvent(int db, int type, String event, byte[] key) {
        if ((flags & type) == 0) {
            return;
        }
        byte[] eventName = event.getBytes(StandardCharsets.US_ASCII);
        byte[] dbNumber = Integer.toString(db).getBytes(StandardCharsets.US_ASCII);
        if ((flags & KeyEvent.KEYSPACE) != 0) {
            pubSub.publish(concat(KEYSPACE_PREFIX, dbNumber, key), eventName, false);
        }
        if ((flags & KeyEvent.KEYEVENT) != 0) {
            pubSub.publish(concat(KEYEVENT_PREFIX, dbNumber, eventName), key, false);
        }
    }

    private static byte[] concat(byte[] prefix, byte[] db, byte[] name) {
        byte[] c = new byte[prefix.length + db.length + SEPARATOR.length + name.length];
        System.arraycopy(prefix, 0, c, 0, prefix.length);
        System.arraycopy(db, 0, c, prefix.length, db.length);
        System.arraycopy(SEPARATOR, 0, c, prefix.length + db.length, SEPARATOR.length);
        System.arraycopy(name, 0, c, prefix.length + db.length + SEPARATOR.length, name.length);
        return c;
    }
}
