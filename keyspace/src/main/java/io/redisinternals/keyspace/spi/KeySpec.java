package io.redisinternals.keyspace.spi;

import java.util.Set;

/**
 * Where a command's keys are, in the shape of Redis 7's key specifications (the
 * {@code begin_search: index} + {@code find_keys: range} form, which covers the commands so far).
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
 */
public record KeySpec(Set<String> flags, int beginIndex, int lastKey, int step, int limit, String notes) {

    public KeySpec {
        flags = Set.copyOf(flags);
    }

    public KeySpec(Set<String> flags, int beginIndex, int lastKey, int step, int limit) {
        this(flags, beginIndex, lastKey, step, limit, null);
    }

    /** This spec with COMMAND INFO notes. */
    public KeySpec notes(String text) {
        return new KeySpec(flags, beginIndex, lastKey, step, limit, text);
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
