package io.redisinternals.engine.config;

import java.util.List;
import java.util.Locale;

/**
 * The parsed, immutable form of {@code client-output-buffer-limit}: for each client class (normal,
 * replica, pubsub) a hard limit, a soft limit and how long the soft limit may be exceeded. The
 * setting's text is what CONFIG GET prints, as Redis's getConfigClientOutputBufferLimitOption:
 * {@code normal <hard> <soft> <seconds> slave <hard> <soft> <seconds> pubsub <hard> <soft> <seconds>}
 * in bytes. A connection reads {@code config.get("client-output-buffer-limit")} through
 * {@link #parse} and again on {@code config.onChange}. A limit of 0 means none.
 */
public final class OutputBufferLimits {

    /** Redis 7.0's defaults, as CONFIG GET prints them. */
    static final String DEFAULT = "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60";

    private static final String WRONG_COUNT = "Wrong number of arguments in buffer limit configuration.";
    private static final String BAD_CLASS = "Invalid client class specified in buffer limit configuration.";
    private static final String BAD_VALUE = "Error in hard, soft or soft_seconds setting in buffer limit configuration.";
    /** Class names in CONFIG GET order (Redis prints the replica class as "slave"). */
    private static final String[] NAMES = {"normal", "slave", "pubsub"};

    /**
     * One class's limits. Byte counts above Long.MAX_VALUE (Redis keeps them unsigned) read as
     * Long.MAX_VALUE, i.e. never reached.
     */
    public record Limit(long hardBytes, long softBytes, long softSeconds) {
    }

    private final Limit[] limits;

    private OutputBufferLimits(Limit[] limits) {
        this.limits = limits;
    }

    /** Parses the setting's value as CONFIG GET prints it. */
    public static OutputBufferLimits parse(String configValue) {
        String[] f = configValue.trim().split(" ");
        Limit[] l = new Limit[3];
        for (int j = 0; j + 3 < f.length; j += 4) {
            int c = classOf(f[j]);
            l[c] = new Limit(saturate(Long.parseUnsignedLong(f[j + 1])), saturate(Long.parseUnsignedLong(f[j + 2])),
                    Long.parseLong(f[j + 3]));
        }
        for (Limit x : l) {
            if (x == null) {
                throw new IllegalArgumentException("not a client-output-buffer-limit value: " + configValue);
            }
        }
        return new OutputBufferLimits(l);
    }

    public Limit normal() {
        return limits[0];
    }

    public Limit replica() {
        return limits[1];
    }

    public Limit pubsub() {
        return limits[2];
    }

    /**
     * The setting's parser, as Redis's updateClientOutputBufferLimit: groups of
     * {@code <class> <hard> <soft> <soft_seconds>}, every group checked before any is applied, only
     * the classes given change. Returns the new value as CONFIG GET prints it.
     */
    static String update(String current, List<String> args, boolean append) {
        if (args.size() % 4 != 0) {
            throw new IllegalArgumentException(WRONG_COUNT);
        }
        String[][] values = new String[3][];
        String[] cur = current.split(" ");
        for (int j = 0; j + 3 < cur.length; j += 4) {
            values[classOf(cur[j])] = new String[] {cur[j + 1], cur[j + 2], cur[j + 3]};
        }
        String[][] updated = values.clone();
        for (int j = 0; j < args.size(); j += 4) {
            int c = classOf(args.get(j));
            if (c < 0) {
                throw new IllegalArgumentException(BAD_CLASS);
            }
            long hard;
            long soft;
            long seconds;
            try {
                hard = Config.memtoull(args.get(j + 1));
                soft = Config.memtoull(args.get(j + 2));
                seconds = (int) Config.strtoll(args.get(j + 3), BAD_VALUE); // Redis keeps an int
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(BAD_VALUE);
            }
            if (seconds < 0) {
                throw new IllegalArgumentException(BAD_VALUE);
            }
            updated[c] = new String[] {Long.toUnsignedString(hard), Long.toUnsignedString(soft), Long.toString(seconds)};
        }
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < 3; c++) {
            if (c > 0) {
                sb.append(' ');
            }
            sb.append(NAMES[c]).append(' ').append(String.join(" ", updated[c]));
        }
        return sb.toString();
    }

    /** The lines CONFIG REWRITE writes, one per class, with Redis's memory units ("replica 256mb 64mb 60"). */
    static String[] rewriteArgs(String value) {
        String[] f = value.split(" ");
        String[] out = new String[3];
        for (int j = 0; j + 3 < f.length; j += 4) {
            int c = classOf(f[j]);
            out[c] = (c == 1 ? "replica" : NAMES[c]) + " " + ConfigRewriter.formatMemory(Long.parseUnsignedLong(f[j + 1]))
                    + " " + ConfigRewriter.formatMemory(Long.parseUnsignedLong(f[j + 2])) + " " + f[j + 3];
        }
        return out;
    }

    /** 0 normal, 1 replica (also "slave"), 2 pubsub, -1 anything else (master included), any case. */
    private static int classOf(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "normal" -> 0;
            case "slave", "replica" -> 1;
            case "pubsub" -> 2;
            default -> -1;
        };
    }

    private static long saturate(long unsignedBits) {
        return unsignedBits < 0 ? Long.MAX_VALUE : unsignedBits;
    }
}
