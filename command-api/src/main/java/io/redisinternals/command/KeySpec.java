package io.redisinternals.command;

import java.util.Set;

/**
 * Where a command's keys are, in the shape of Redis 7's key specifications: {@code begin_search:
 * index} followed by either {@code find_keys: range} (the fixed positions of most commands) or
 * {@code find_keys: keynum} (a "numkeys" argument says how many keys follow, as in LMPOP, ZUNIONSTORE).
 *
 * @param flags      Redis's key-spec flags as COMMAND INFO prints them: "RO", "RW", "OW", "RM" upper case, the
 *                   others lower case ("access", "update", "insert", "delete", "not_key", "incomplete",
 *                   "variable_flags"). COMMAND INFO prints them in Redis's order and case whatever the
 *                   set's order or the case given here.
 * @param beginIndex position of the first key (1 = first argument after the name)
 * @param lastKey    last key relative to beginIndex: 0 = just one; -1 = up to the last argument
 * @param step       distance between keys
 * @param limit      for lastKey -1: 0 or 1 = all remaining, n = 1/n of them
 * @param notes      COMMAND INFO's free-text {@code notes} (e.g. SET's "RW and ACCESS due to the optional
 *                   `GET` argument"), or null
 * @param keynum     for a {@code find_keys: keynum} spec its parameters, and then lastKey, step and limit
 *                   are unused (0); null for a range spec
 * @param finder     for an {@link #unknown} spec: finds its keys in a call (Redis's per-command
 *                   getkeys_proc, e.g. SORT's STORE destination), or null if no key can be found
 * @param keyword    for a {@code begin_search: keyword} spec (GEORADIUS's STORE, XREAD's STREAMS) the
 *                   keyword and where to look for it, and then beginIndex is {@link #KEYWORD}; null for
 *                   an index or unknown begin_search
 */
public record KeySpec(Set<String> flags, int beginIndex, int lastKey, int step, int limit, String notes,
                      Keynum keynum, KeyFinder finder, Keyword keyword) {

    /** Finds the keys of an {@link #unknown} spec in one call (COMMAND GETKEYS). */
    @FunctionalInterface
    public interface KeyFinder {
        /**
         * @param argv      the arguments holding the call
         * @param nameIndex position of the command's name in {@code argv}
         * @param argc      number of arguments of the call, its name included
         * @return positions of the keys relative to the name (1 = first argument)
         */
        int[] find(io.redisinternals.resp.Argv argv, int nameIndex, int argc);
    }

    /**
     * The parameters of a {@code find_keys: keynum} spec, relative to the spec's begin index.
     *
     * @param keynumIdx position of the "numkeys" argument
     * @param firstKey  position of the first key
     * @param keyStep   distance between keys
     */
    public record Keynum(int keynumIdx, int firstKey, int keyStep) {
    }

    /**
     * The parameters of a {@code begin_search: keyword} spec: the search for {@code keyword} starts
     * at argument {@code startFrom} (negative: counted from the end, searching backwards).
     */
    public record Keyword(String keyword, int startFrom) {
    }

    public KeySpec {
        flags = Set.copyOf(flags);
    }

    public KeySpec(Set<String> flags, int beginIndex, int lastKey, int step, int limit, String notes,
                   Keynum keynum, KeyFinder finder) {
        this(flags, beginIndex, lastKey, step, limit, notes, keynum, finder, null);
    }

    public KeySpec(Set<String> flags, int beginIndex, int lastKey, int step, int limit) {
        this(flags, beginIndex, lastKey, step, limit, null, null, null, null);
    }

    public KeySpec(Set<String> flags, int beginIndex, int lastKey, int step, int limit, String notes) {
        this(flags, beginIndex, lastKey, step, limit, notes, null, null, null);
    }

    /** This spec with COMMAND INFO notes. */
    public KeySpec notes(String text) {
        return new KeySpec(flags, beginIndex, lastKey, step, limit, text, keynum, finder, keyword);
    }

    /** This spec with a finder for its keys (an {@link #unknown} spec's getkeys_proc). */
    public KeySpec finder(KeyFinder f) {
        return new KeySpec(flags, beginIndex, lastKey, step, limit, notes, keynum, f, keyword);
    }

    /** The begin index of a {@code begin_search: keyword} spec (see {@link #keyword()}). */
    public static final int KEYWORD = -2;

    /** Whether the keys begin after a keyword ({@code begin_search: keyword}). */
    public boolean isKeyword() {
        return keyword != null;
    }

    /** Whether the keys are counted by a "numkeys" argument ({@code find_keys: keynum}); such a command has movable keys. */
    public boolean isKeynum() {
        return keynum != null;
    }

    /**
     * Keys counted by the argument at {@code index + keynumIdx}, the first at {@code index + firstKey},
     * then every {@code keyStep}-th (LMPOP: {@code keynum(1, 0, 1, 1, ...)}).
     */
    public static KeySpec keynum(int index, int keynumIdx, int firstKey, int keyStep, String... flags) {
        return new KeySpec(orderedFlags(flags), index, 0, 0, 0, null, new Keynum(keynumIdx, firstKey, keyStep), null);
    }

    /**
     * A spec whose keys cannot be found from the arguments' positions alone ({@code begin_search:
     * unknown}, {@code find_keys: unknown}): SORT's BY/GET patterns and its STORE destination.
     */
    public static KeySpec unknown(String notes, String... flags) {
        return unknown(notes, null, flags);
    }

    /** An {@link #unknown} spec whose keys {@code finder} can find in a call. */
    public static KeySpec unknown(String notes, KeyFinder finder, String... flags) {
        return new KeySpec(orderedFlags(flags), UNKNOWN, 0, 0, 0, notes, null, finder);
    }

    /** The begin index of an {@link #unknown} spec. */
    private static final int UNKNOWN = -1;

    /** Whether this is an {@link #unknown} spec. */
    public boolean isUnknown() {
        return beginIndex == UNKNOWN;
    }

    /** One key at {@code index}. */
    public static KeySpec single(int index, String... flags) {
        return new KeySpec(orderedFlags(flags), index, 0, 1, 0);
    }

    /** Every {@code step}-th argument from {@code index} to the end. */
    public static KeySpec toEnd(int index, int step, String... flags) {
        return new KeySpec(orderedFlags(flags), index, -1, step, 0);
    }

    private static Set<String> orderedFlags(String... flags) {
        return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(java.util.List.of(flags)));
    }
}
