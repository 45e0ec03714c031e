package io.redisinternals.engine.config;

import io.redisinternals.keyspace.dict.GlobMatcher;
import io.redisinternals.resp.Numbers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Every setting of the server, one registry: the engine's own (databases, proto-max-bulk-len,
 * maxclients, requirepass, ...) registered by the constructor, and settings owned by other modules
 * (port, bind, transport, ...) registered with {@link #define}. The config file, the command line
 * and CONFIG GET/SET all go through it, so CONFIG GET sees every setting that exists.
 *
 * <p>Values are kept as the text CONFIG GET prints (memory sizes as plain byte counts, booleans as
 * yes/no). Threading: reads are lock-free from any thread (a connection reads proto-max-bulk-len
 * outside the execution lock); writes happen at startup or under the execution lock (CONFIG SET).
 * Listeners run on the writing thread after the value is visible.
 */
public final class Config {

    /** Redis's reason texts for bad values, shared with the CONFIG SET error. */
    static final String NOT_AN_INTEGER = "argument couldn't be parsed into an integer";
    static final String NOT_A_MEMORY_VALUE = "argument must be a memory value";
    static final String NOT_A_BOOLEAN = "argument must be 'yes' or 'no'";
    static final String BAD_DIRECTIVE = "Bad directive or wrong number of arguments";
    static final String WRONG_ARGUMENT_COUNT = "wrong number of arguments";
    static final String INVALID_SAVE = "Invalid save parameters";

    private static final long MB = 1024 * 1024;

    /**
     * How CONFIG REWRITE writes a setting, after Redis's rewriteConfig*Option functions: PLAIN as
     * is (numbers, enums, yes/no; quoted with sdscatrepr if a value ever needs it), MEMORY with
     * a gb/mb/kb unit when it divides, STRING always through sdscatrepr, NULLABLE_STRING the same
     * but left out (and its lines removed) when empty, FORCED_STRING written even at its default,
     * MEMORY_OR_PERCENT as {@code N%} for a percentage, SAVE one {@code save S C} line a pair
     * ({@code save ""} when empty, always written), OUTPUT_BUFFER_LIMIT one line a class,
     * FORCED_LIST the values on one line ({@code ""} when none), always written.
     */
    public enum Kind { PLAIN, MEMORY, STRING, NULLABLE_STRING, FORCED_STRING, MEMORY_OR_PERCENT, SAVE, OUTPUT_BUFFER_LIMIT,
        FORCED_LIST }

    /**
     * Parses a multi-argument setting (Redis's MULTI_ARG_CONFIG): {@code args} as the config file
     * splits them or as CONFIG SET splits its value at single spaces; {@code current} is the value
     * now (for partial updates); {@code append} is true for a second directive of the same name in
     * the config file. Returns the value as CONFIG GET prints it; throws IllegalArgumentException
     * with Redis's reason text.
     */
    @FunctionalInterface
    public interface MultiArgParser {
        String parse(String current, List<String> args, boolean append);
    }

    /** One setting; aliases map to the same instance. */
    public static final class Setting {
        private final String name;
        private final boolean mutable;
        private final MultiArgParser multiArg;
        private final UnaryOperator<String> normalizer;
        private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
        private final List<UnaryOperator<String>> runtimeChecks = new CopyOnWriteArrayList<>();
        private final List<String> aliases = new CopyOnWriteArrayList<>();
        /** The value before any startup directive or CONFIG SET: CONFIG REWRITE leaves defaults out. */
        private final String defaultValue;
        private volatile Kind kind = Kind.PLAIN;
        /** Whether the value is bytes (one char per byte, ISO-8859-1) rather than UTF-8 text. */
        private volatile boolean binary;
        /** Whether a config-file directive set it already (a second {@code save} line appends). */
        private boolean seenAtStartup;
        /**
         * Redis's PROTECTED_CONFIG (dir, dbfilename): CONFIG SET changes it only when
         * {@code enable-protected-configs} allows the client (they choose where files are written).
         */
        private volatile boolean protectedConfig;
        private volatile String value;

        Setting(String name, String value, boolean mutable, MultiArgParser multiArg, UnaryOperator<String> normalizer) {
            this.name = name;
            this.defaultValue = value;
            this.value = value;
            this.mutable = mutable;
            this.multiArg = multiArg;
            this.normalizer = normalizer;
        }

        public String name() {
            return name;
        }

        public String value() {
            return value;
        }

        public boolean mutable() {
            return mutable;
        }

        public String defaultValue() {
            return defaultValue;
        }

        public Kind kind() {
            return kind;
        }

        public boolean binary() {
            return binary;
        }

        /** Whether CONFIG SET needs {@code enable-protected-configs} to change it (Redis's PROTECTED_CONFIG). */
        public boolean protectedConfig() {
            return protectedConfig;
        }

        /** Whether a directive may carry several arguments (Redis's MULTI_ARG_CONFIG). */
        public boolean multiArg() {
            return multiArg != null;
        }

        public List<String> aliases() {
            return Collections.unmodifiableList(aliases);
        }

        /** The exact bytes of the value: ISO-8859-1 for a binary setting, UTF-8 otherwise. */
        public byte[] valueBytes() {
            return encode(value);
        }

        /** Bytes from the wire or a file as this setting stores them. */
        public String decode(byte[] raw) {
            return new String(raw, binary ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        }

        /** The inverse of {@link #decode}. */
        public byte[] encode(String v) {
            return v.getBytes(binary ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        }

        /**
         * Validates and normalizes a CONFIG SET value (a multi-argument one is split at single
         * spaces, as Redis's sdssplitlen); throws IllegalArgumentException with Redis's reason text.
         */
        String normalize(String raw) {
            if (multiArg != null) {
                return multiArg.parse(value, splitAtSpaces(raw), false);
            }
            return normalizer.apply(raw);
        }

        /** A startup directive's arguments (already checked for count). */
        String normalizeStartup(List<String> args, boolean append) {
            if (multiArg != null) {
                return multiArg.parse(value, args, append);
            }
            return normalizer.apply(args.get(0));
        }

        void set(String normalized) {
            value = normalized;
            for (Consumer<String> l : listeners) {
                l.accept(normalized);
            }
        }
    }

    /** Redis's sdssplitlen(value, " "): "" has no pieces; consecutive spaces give empty pieces. */
    static List<String> splitAtSpaces(String v) {
        if (v.isEmpty()) {
            return List.of();
        }
        return List.of(v.split(" ", -1));
    }

    /** Lower-case name or alias -> setting. */
    private final Map<String, Setting> byName = new ConcurrentHashMap<>();
    /** Primary settings in registration order (CONFIG GET iteration). */
    private final List<Setting> ordered = new CopyOnWriteArrayList<>();

    public Config() {
        define("databases", "16", false, integer(1, Integer.MAX_VALUE));
        define("proto-max-bulk-len", String.valueOf(512 * MB), true, memory(MB, Long.MAX_VALUE));
        define("maxclients", "10000", true, integer(1, 4294967295L));
        define("requirepass", "", true, UnaryOperator.identity());
        // A password is bytes (AUTH compares them exactly); an empty one is Redis's NULL.
        require("requirepass").binary = true;
        kind("requirepass", Kind.NULLABLE_STRING);
        define("client-query-buffer-limit", String.valueOf(1024 * MB), true, memory(MB, Long.MAX_VALUE));
        define("timeout", "0", true, integer(0, Integer.MAX_VALUE));
        define("protected-mode", "yes", true, bool());
        // The memory limit, enforced before each command by the engine's Eviction (evicting keys
        // by the policy, or -OOM for commands that may grow memory); the policy also decides
        // whether key stamps hold LRU times or LFU counters (OBJECT IDLETIME/FREQ) and whether
        // small integers are shared (OBJECT REFCOUNT).
        define("maxmemory", "0", true, unsignedMemory());
        kind("maxmemory", Kind.MEMORY);
        define("maxmemory-policy", "noeviction", true, oneOf(MAXMEMORY_POLICIES));
        define("lfu-log-factor", "10", true, integer(0, Integer.MAX_VALUE));
        define("lfu-decay-time", "1", true, integer(0, Integer.MAX_VALUE));
        // Eviction (the engine's Eviction): keys sampled per pool refill, and how long one eviction
        // pass may run before the cron takes over (0..100, Redis's evictionTimeLimitUs).
        define("maxmemory-samples", "5", true, integer(1, Integer.MAX_VALUE));
        define("maxmemory-eviction-tenacity", "10", true, integer(0, 100));
        // Collection encodings (Keyspace II): when a small collection converts to its full form.
        // Redis accepts the whole int range; a list clamps its fill to -5 .. 32767 (ListValue.clampFill).
        define("list-max-listpack-size", "-2", true, integer(Integer.MIN_VALUE, Integer.MAX_VALUE));
        alias("list-max-ziplist-size", "list-max-listpack-size");
        define("list-compress-depth", "0", true, integer(0, Integer.MAX_VALUE));
        define("hash-max-listpack-entries", "512", true, integer(0, Long.MAX_VALUE));
        alias("hash-max-ziplist-entries", "hash-max-listpack-entries");
        define("hash-max-listpack-value", "64", true, memory(0, Long.MAX_VALUE));
        alias("hash-max-ziplist-value", "hash-max-listpack-value");
        define("set-max-intset-entries", "512", true, integer(0, Long.MAX_VALUE));
        define("zset-max-listpack-entries", "128", true, integer(0, Long.MAX_VALUE));
        alias("zset-max-ziplist-entries", "zset-max-listpack-entries");
        define("zset-max-listpack-value", "64", true, memory(0, Long.MAX_VALUE));
        alias("zset-max-ziplist-value", "zset-max-listpack-value");
        for (String memory : List.of("proto-max-bulk-len", "client-query-buffer-limit", "hash-max-listpack-value",
                "zset-max-listpack-value")) {
            kind(memory, Kind.MEMORY);
        }
        // Output buffer limits per client class (OutputBufferLimits is their parsed form); enforced
        // by the server's connections, which read this value and listen for changes.
        define("client-output-buffer-limit", OutputBufferLimits.DEFAULT, true, OutputBufferLimits::update);
        kind("client-output-buffer-limit", Kind.OUTPUT_BUFFER_LIMIT);
        // Keyspace event classes (Redis's letters); stored in Redis's canonical order, so CONFIG GET
        // prints what redis-server prints. Events reach the engine's effects sinks whatever this says;
        // the publisher filters by it.
        define("notify-keyspace-events", "", true, Config::keyspaceEventClasses);
        // Accepted and reported (bytes or a percentage of maxmemory); not enforced yet.
        define("maxmemory-clients", "0", true, memoryOrPercent(-100));
        kind("maxmemory-clients", Kind.MEMORY_OR_PERCENT);
        // Who may run DEBUG (Redis's PROTECTED_ACTION enum): nobody, everybody, or clients connected
        // from 127.0.0.1 or ::1. Immutable as in Redis, so a client cannot open the gate it is behind.
        define("enable-debug-command", "no", false, oneOf("no", "yes", "local"));
        define("enable-protected-configs", "no", false, oneOf("no", "yes", "local"));
        // SLOWLOG and LATENCY: the engine's Diagnostics follows them.
        define("slowlog-log-slower-than", "10000", true, integer(-1, Long.MAX_VALUE));
        define("slowlog-max-len", "128", true, integer(0, Long.MAX_VALUE));
        define("latency-monitor-threshold", "0", true, integer(0, Long.MAX_VALUE));
        define("tracking-table-max-keys", "1000000", true, integer(0, Long.MAX_VALUE));
        // Busy scripts (the engine's BusyScript): milliseconds a script runs before other clients get -BUSY.
        define("busy-reply-threshold", "5000", true, integer(0, Long.MAX_VALUE));
        alias("lua-time-limit", "busy-reply-threshold");
        define("latency-tracking", "yes", true, bool());
        define("latency-tracking-info-percentiles", LatencyPercentiles.DEFAULT, true, LatencyPercentiles::parse);
        kind("latency-tracking-info-percentiles", Kind.FORCED_LIST);
        // Lazy freeing (the engine's LazyFree): which removals Redis would free on its lazy-free
        // thread, what expired and evicted keys propagate as (UNLINK or DEL), and what a FLUSHDB or
        // FLUSHALL without ASYNC|SYNC does. replica-lazy-flush is accepted and reported: no
        // replication exists yet to flush a replica's data.
        for (String lazy : List.of("lazyfree-lazy-eviction", "lazyfree-lazy-expire", "lazyfree-lazy-server-del",
                "lazyfree-lazy-user-del", "lazyfree-lazy-user-flush", "replica-lazy-flush")) {
            define(lazy, "no", true, bool());
        }
        alias("slave-lazy-flush", "replica-lazy-flush");
    }

    /** Redis's NOTIFY_* classes in the order of its keyspaceEventsFlagsToString, with their letters. */
    private static final String CLASS_LETTERS = "g$lshzxetdn";

    /**
     * notify-keyspace-events: validates the letters as keyspaceEventsStringToFlags and prints them
     * as keyspaceEventsFlagsToString ("A" for every class of A, then K, E and m).
     */
    static String keyspaceEventClasses(String v) {
        boolean[] on = new boolean[CLASS_LETTERS.length()];
        boolean k = false;
        boolean e = false;
        boolean m = false;
        for (char c : v.toCharArray()) {
            int i = CLASS_LETTERS.indexOf(c);
            if (i >= 0) {
                on[i] = true;
            } else if (c == 'A') {
                for (int j = 0; j < on.length; j++) {
                    on[j] |= CLASS_LETTERS.charAt(j) != 'n'; // A is every class but new and keymiss
                }
            } else if (c == 'K') {
                k = true;
            } else if (c == 'E') {
                e = true;
            } else if (c == 'm') {
                m = true;
            } else {
                throw new IllegalArgumentException("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
            }
        }
        StringBuilder sb = new StringBuilder();
        boolean all = true;
        for (int j = 0; j < on.length; j++) {
            all &= on[j] || CLASS_LETTERS.charAt(j) == 'n';
        }
        if (all) {
            sb.append('A'); // as Redis: then n is not printed even if set
        } else {
            for (int j = 0; j < on.length; j++) {
                if (on[j]) {
                    sb.append(CLASS_LETTERS.charAt(j));
                }
            }
        }
        if (k) {
            sb.append('K');
        }
        if (e) {
            sb.append('E');
        }
        if (m) {
            sb.append('m');
        }
        return sb.toString();
    }

    /** The values of {@code maxmemory-policy}, in the order Redis's error text lists them. */
    public static final String[] MAXMEMORY_POLICIES = {"volatile-lru", "volatile-lfu", "volatile-random",
        "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"};

    /**
     * Registers a setting owned by another module.
     *
     * @param name         lower-case name
     * @param defaultValue value as CONFIG GET prints it
     * @param mutable      whether CONFIG SET may change it at runtime
     * @param normalizer   validates a value and returns it as CONFIG GET should print it; throws
     *                     IllegalArgumentException with Redis's reason text if invalid
     */
    public void define(String name, String defaultValue, boolean mutable, UnaryOperator<String> normalizer) {
        define(name, defaultValue, mutable, false, normalizer);
    }

    /**
     * As {@link #define(String, String, boolean, UnaryOperator)}; with {@code multiArg} a startup
     * directive may have several arguments, joined with single spaces before normalizing (as Redis
     * does for {@code save 900 1 300 10}).
     *
     * @throws IllegalStateException if the name or an alias is taken
     */
    public void define(String name, String defaultValue, boolean mutable, boolean multiArg,
                       UnaryOperator<String> normalizer) {
        define(name, defaultValue, mutable, multiArg ? (current, args, append) -> normalizer.apply(String.join(" ", args)) : null,
                normalizer);
    }

    /**
     * Registers a multi-argument setting whose arguments are parsed as a list (Redis's special
     * configs such as {@code save}: pairs, partial updates, several directives).
     */
    public void define(String name, String defaultValue, boolean mutable, MultiArgParser parser) {
        define(name, defaultValue, mutable, parser, null);
    }

    private void define(String name, String defaultValue, boolean mutable, MultiArgParser multiArg,
                        UnaryOperator<String> normalizer) {
        String key = name.toLowerCase(Locale.ROOT);
        Setting s = new Setting(key, defaultValue, mutable, multiArg, normalizer);
        if (byName.putIfAbsent(key, s) != null) {
            throw new IllegalStateException("setting defined twice: " + name);
        }
        ordered.add(s);
    }

    /** Adds another name for a setting (Redis 7's {@code hash-max-ziplist-entries} style aliases). */
    public void alias(String alias, String name) {
        Setting s = require(name);
        if (byName.putIfAbsent(alias.toLowerCase(Locale.ROOT), s) != null) {
            throw new IllegalStateException("setting defined twice: " + alias);
        }
        s.aliases.add(alias.toLowerCase(Locale.ROOT));
    }

    /** Marks a setting protected (Redis's PROTECTED_CONFIG): see {@link Setting#protectedConfig()}. */
    public void protect(String name) {
        require(name).protectedConfig = true;
    }

    /** How CONFIG REWRITE writes the setting (default {@link Kind#PLAIN}). */
    public void kind(String name, Kind kind) {
        require(name).kind = kind;
    }

    /**
     * Adds a check CONFIG SET runs after the value is validated, before it is applied (Redis's apply
     * functions, e.g. maxclients against the open files limit): it gets the normalized value and
     * throws IllegalArgumentException with the reason text to refuse it. Startup does not run it.
     */
    public void onRuntimeSet(String name, UnaryOperator<String> check) {
        require(name).runtimeChecks.add(check);
    }

    /** Calls {@code listener} with the new normalized value whenever the setting changes. */
    public void onChange(String name, Consumer<String> listener) {
        require(name).listeners.add(listener);
    }

    /**
     * Applies a directive from the config file or command line, where immutable settings are
     * allowed. {@code args} are the directive's arguments (e.g. {@code save ""} -> [""]).
     *
     * @throws ConfigException naming the directive if it is unknown or the value is bad
     */
    public void applyStartup(String name, List<String> args) throws ConfigException {
        Setting s = setting(name);
        if (s == null) {
            throw new ConfigException(BAD_DIRECTIVE);
        }
        if (!s.multiArg() && args.size() != 1) {
            throw new ConfigException(WRONG_ARGUMENT_COUNT);
        }
        List<String> values = args;
        if (s.multiArg() && args.size() == 1 && !args.get(0).isEmpty()) {
            // As Redis: one argument of a multi-argument directive is split again (--save "900 1").
            values = splitArgs(args.get(0));
            if (values == null) {
                values = List.of();
            }
        }
        try {
            s.set(s.normalizeStartup(values, s.seenAtStartup));
            s.seenAtStartup = true;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /**
     * Sets one setting at runtime as CONFIG SET does (mutable settings only).
     *
     * @throws ConfigException with Redis's reason text ("can't set immutable config", a value error)
     * @throws IllegalArgumentException if there is no such setting
     */
    public void set(String name, String value) throws ConfigException {
        Setting s = setting(name);
        if (s == null) {
            throw new IllegalArgumentException("no such setting: " + name);
        }
        if (!s.mutable) {
            throw new ConfigException("can't set immutable config");
        }
        try {
            String normalized = s.normalize(value);
            for (UnaryOperator<String> check : s.runtimeChecks) {
                check.apply(normalized);
            }
            s.set(normalized);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /**
     * Puts back a value the setting held (CONFIG SET undoing a multi-setting change); no checks run,
     * the value was valid a moment ago.
     */
    public void restore(String name, String previous) {
        require(name).set(previous);
    }

    /** Current value of a setting as CONFIG GET prints it; null if there is no such setting. */
    public String get(String name) {
        Setting s = setting(name);
        return s == null ? null : s.value;
    }

    /**
     * The value as an int; a larger value (maxclients takes up to 4294967295) reads as
     * Integer.MAX_VALUE, a smaller one as Integer.MIN_VALUE, so a limit past int means "no limit".
     */
    public int intValue(String name) {
        long v = Long.parseLong(get(name));
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    /** The exact bytes of a setting's value (a binary setting such as requirepass), or null. */
    public byte[] bytes(String name) {
        Setting s = setting(name);
        return s == null ? null : s.valueBytes();
    }

    public long longValue(String name) {
        return Long.parseLong(get(name));
    }

    /** The setting named {@code name} or one of its aliases (any case), or null. */
    public Setting setting(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    /** Every setting in registration order. */
    public Collection<Setting> settings() {
        return Collections.unmodifiableList(ordered);
    }

    /**
     * CONFIG GET's selection: for a pattern without glob characters the setting of that name (keyed
     * by the pattern as given, as Redis echoes it); otherwise every name and alias matching it,
     * ignoring case. Duplicates across patterns appear once, in first-match order.
     */
    public Map<String, String> matching(List<String> patterns) {
        Map<String, String> out = new LinkedHashMap<>();
        matchingSettings(patterns).forEach((name, s) -> out.put(name, s.value));
        return out;
    }

    /** As {@link #matching}, giving the settings (CONFIG GET prints binary values as their bytes). */
    public Map<String, Setting> matchingSettings(List<String> patterns) {
        Map<String, Setting> out = new LinkedHashMap<>();
        for (String pattern : patterns) {
            if (!hasGlob(pattern)) {
                Setting s = setting(pattern);
                if (s != null) {
                    out.putIfAbsent(pattern, s);
                }
                continue;
            }
            for (Setting s : ordered) {
                if (GlobMatcher.matches(pattern, s.name, true)) {
                    out.putIfAbsent(s.name, s);
                }
                for (String alias : s.aliases) {
                    if (GlobMatcher.matches(pattern, alias, true)) {
                        out.putIfAbsent(alias, s);
                    }
                }
            }
        }
        return out;
    }

    /**
     * CONFIG REWRITE: rewrites {@code file} so it holds the current configuration (see
     * {@link ConfigRewriter}).
     *
     * @throws java.io.IOException if the file cannot be read or replaced; the old file is then intact
     */
    public void rewrite(java.nio.file.Path file) throws java.io.IOException {
        ConfigRewriter.rewrite(this, file);
    }

    private static boolean hasGlob(String p) {
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    private Setting require(String name) {
        Setting s = setting(name);
        if (s == null) {
            throw new IllegalArgumentException("no such setting: " + name);
        }
        return s;
    }

    // ---- normalizers with Redis's reason texts ------------------------------------------

    /** An integer in [min, max], strict decimal as Redis's string2ll (no '+', no leading zeros). */
    public static UnaryOperator<String> integer(long min, long max) {
        return raw -> {
            long v;
            try {
                v = Numbers.parseStrictLong(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(NOT_AN_INTEGER);
            }
            return String.valueOf(checkRange(v, min, max));
        };
    }

    /**
     * A memory size in [min, max] bytes: digits with an optional unit b, k, kb, m, mb, g, gb (any
     * case; k = 1000, kb = 1024 as Redis's memtoull). Printed back as a plain byte count.
     */
    public static UnaryOperator<String> memory(long min, long max) {
        return raw -> String.valueOf(checkRange(parseMemory(raw), min, max));
    }

    /**
     * A memory size as redis-server 7.0 reads {@code maxmemory}: an unsigned 64-bit count printed as
     * such. The number part may be empty (0) and holds digits only; a number past 2^64-1 saturates and
     * the unit multiplication wraps, as C's strtoull and unsigned arithmetic do; a number part of 128
     * characters or more is refused.
     */
    public static UnaryOperator<String> unsignedMemory() {
        return raw -> {
            int i = 0;
            while (i < raw.length() && raw.charAt(i) >= '0' && raw.charAt(i) <= '9') {
                i++;
            }
            long mul = unitMultiplier(raw.substring(i));
            if (i >= 128) {
                throw new IllegalArgumentException(NOT_A_MEMORY_VALUE);
            }
            long v = 0;
            for (int j = 0; j < i; j++) {
                int d = raw.charAt(j) - '0';
                if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, 10)) > 0
                        || Long.compareUnsigned(v * 10 + d, v * 10) < 0) {
                    v = -1L; // ULLONG_MAX
                    break;
                }
                v = v * 10 + d;
            }
            return Long.toUnsignedString(v * mul);
        };
    }

    /**
     * A memory value or a percentage {@code N%} (0..-minPercent), as Redis's MEMORY_CONFIG |
     * PERCENT_CONFIG ssize_t settings: memory first (an unsigned count that reads back as signed, so
     * 2^64-1 is -1, i.e. "1%", as in Redis), then a percentage, stored negative and printed as
     * {@code N%}; a value 0 prints as 0.
     */
    public static UnaryOperator<String> memoryOrPercent(long minPercent) {
        return raw -> {
            long v;
            try {
                v = memtoull(raw);
            } catch (IllegalArgumentException notMemory) {
                v = 1;
                if (raw.length() > 1 && raw.endsWith("%")) {
                    try {
                        v = -Numbers.parseStrictLong(raw.substring(0, raw.length() - 1));
                    } catch (NumberFormatException e) {
                        v = 1;
                    }
                }
                if (v > 0 || raw.equals("-0%")) {
                    throw new IllegalArgumentException("argument must be a memory or percent value");
                }
            }
            if (v < 0 && v < minPercent) {
                throw new IllegalArgumentException("percentage argument must be less or equal to " + -minPercent);
            }
            return v < 0 ? -v + "%" : String.valueOf(v);
        };
    }

    /**
     * {@code save}: pairs of "seconds changes" (seconds >= 1, changes >= 0, strtoll-style numbers)
     * or {@code ""} for none, as Redis's setConfigSaveOption; a second save directive in the config
     * file appends its pairs. Printed as Redis's getConfigSaveOption ("900 1 300 10").
     */
    public static String saveParams(String current, List<String> args, boolean append) {
        List<String> a = args.size() == 1 && args.get(0).isEmpty() ? List.of() : args;
        if (a.size() % 2 != 0) {
            throw new IllegalArgumentException(INVALID_SAVE);
        }
        StringBuilder sb = new StringBuilder(append ? current : "");
        for (int j = 0; j < a.size(); j += 2) {
            long seconds = strtoll(a.get(j), INVALID_SAVE);
            long changes = strtoll(a.get(j + 1), INVALID_SAVE);
            if (seconds < 1 || changes < 0) {
                throw new IllegalArgumentException(INVALID_SAVE);
            }
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(seconds).append(' ').append((int) changes); // Redis keeps changes in an int
        }
        return sb.toString();
    }

    /**
     * C's strtoll(s, &end, 10) where the whole string must be consumed: leading blanks, an
     * optional sign, digits (none reads as 0), saturating at the long range.
     */
    static long strtoll(String s, String reason) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || (s.charAt(i) >= '\t' && s.charAt(i) <= '\r'))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int digitsStart = i;
        long v = 0;
        boolean overflow = false;
        for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            int d = s.charAt(i) - '0';
            if (v > (Long.MAX_VALUE - d) / 10) {
                overflow = true;
            } else {
                v = v * 10 + d;
            }
        }
        if (i == digitsStart) {
            // no digits: strtoll consumes nothing, so the whole string is left over unless it is empty
            if (!s.isEmpty()) {
                throw new IllegalArgumentException(reason);
            }
            return 0;
        }
        if (i != s.length()) {
            throw new IllegalArgumentException(reason);
        }
        if (overflow) {
            return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return negative ? -v : v;
    }

    /**
     * Redis's memtoull: digits then an optional unit, no sign; an unsigned 64-bit result (as a long's
     * bits) that saturates past 2^64-1 and wraps when multiplied by the unit.
     *
     * @throws IllegalArgumentException with "argument must be a memory value"
     */
    public static long memtoull(String raw) {
        if (raw.startsWith("-")) {
            throw new IllegalArgumentException(NOT_A_MEMORY_VALUE);
        }
        return Long.parseUnsignedLong(unsignedMemory().apply(raw)) ;
    }

    /** Redis's sdssplitargs (the config file's splitting), or null for unbalanced quotes. */
    static List<String> splitArgs(String line) {
        try {
            List<String> out = new ArrayList<>();
            for (byte[] arg : io.redisinternals.resp.RequestParser.splitLine(line.getBytes(StandardCharsets.UTF_8))) {
                out.add(new String(arg, StandardCharsets.UTF_8));
            }
            return out;
        } catch (io.redisinternals.resp.ProtocolException unbalanced) {
            return null;
        }
    }

    /** yes/no in any case, printed lower case. */
    public static UnaryOperator<String> bool() {
        return raw -> {
            String v = raw.toLowerCase(Locale.ROOT);
            if (!v.equals("yes") && !v.equals("no")) {
                throw new IllegalArgumentException(NOT_A_BOOLEAN);
            }
            return v;
        };
    }

    /** One of {@code values} (any case), printed lower case; Redis's enum-config reason text otherwise. */
    public static UnaryOperator<String> oneOf(String... values) {
        String reason = "argument(s) must be one of the following: " + String.join(", ", values);
        return raw -> {
            String v = raw.toLowerCase(Locale.ROOT);
            for (String allowed : values) {
                if (allowed.equals(v)) {
                    return v;
                }
            }
            throw new IllegalArgumentException(reason);
        };
    }

    /** Parses a memory value as Redis's memtoull; throws IllegalArgumentException with its reason text. */
    public static long parseMemory(String raw) {
        int i = 0;
        while (i < raw.length() && raw.charAt(i) >= '0' && raw.charAt(i) <= '9') {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException(NOT_A_MEMORY_VALUE);
        }
        long mul = unitMultiplier(raw.substring(i));
        try {
            return Math.multiplyExact(Long.parseLong(raw.substring(0, i)), mul);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(NOT_A_MEMORY_VALUE);
        }
    }

    /** The multiplier of a memory unit suffix (any case), as Redis's memtoull. */
    private static long unitMultiplier(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1;
            case "k" -> 1000;
            case "kb" -> 1024;
            case "m" -> 1000L * 1000;
            case "mb" -> MB;
            case "g" -> 1000L * 1000 * 1000;
            case "gb" -> 1024 * MB;
            default -> throw new IllegalArgumentException(NOT_A_MEMORY_VALUE);
        };
    }

    private static long checkRange(long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException("argument must be between " + min + " and " + max + " inclusive");
        }
        return v;
    }
}
