package io.redisinternals.engine;

import io.redisinternals.command.CommandSpec;
import io.redisinternals.resp.Argv;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The command table: an open-addressing hash over lower-case names, looked up straight from the
 * request's argument bytes with a case-insensitive hash, so dispatch allocates no String per
 * request. Containers (CLIENT, CONFIG, COMMAND) carry a nested table of their subcommands.
 *
 * <p>The table is immutable after construction and safe to read from any thread; the statistics
 * in each entry change under the execution lock only.
 */
final class CommandTable {

    /** One command with what dispatch needs precomputed. */
    static final class Entry {
        final byte[] name;
        final CommandSpec spec;
        /** "get", or "client|setname" for a subcommand: COMMAND INFO and error texts. */
        final String fullName;
        /** Non-null for containers. */
        final CommandTable subcommands;
        // INFO commandstats (Redis's per-command counters), kept by the call path under the
        // execution lock.
        long calls;
        long usec;
        long rejectedCalls;
        long failedCalls;
        /** LATENCY HISTOGRAM / INFO latencystats, created on the first completed call ({@link Diagnostics}). */
        LatencyHistogram latency;

        Entry(CommandSpec spec, String parent) {
            this.spec = spec;
            this.name = spec.name().getBytes(StandardCharsets.UTF_8);
            this.fullName = parent == null ? spec.name() : parent + "|" + spec.name();
            this.subcommands = spec.isContainer() ? new CommandTable(spec.subcommands(), spec.name()) : null;
        }
    }

    private final Entry[] slots;
    private final int mask;
    private final List<Entry> entries;

    /** Names must be distinct (the engine checked that, naming the providers). */
    CommandTable(List<CommandSpec> specs, String parent) {
        int cap = Integer.highestOneBit(Math.max(4, specs.size() * 2) - 1) << 1; // load factor <= 0.5
        slots = new Entry[cap];
        mask = cap - 1;
        List<Entry> list = new ArrayList<>(specs.size());
        for (CommandSpec spec : specs) {
            Entry e = new Entry(spec, parent);
            int i = hash(e.name) & mask;
            while (slots[i] != null) {
                if (slots[i].spec.name().equals(spec.name())) {
                    throw new IllegalStateException("duplicate command '" + e.fullName + "'");
                }
                i = (i + 1) & mask;
            }
            slots[i] = e;
            list.add(e);
        }
        entries = Collections.unmodifiableList(list);
    }

    /** The command named by argument {@code i} (any case), or null. */
    Entry lookup(Argv argv, int i) {
        for (int s = mix(argv.hashIgnoringAsciiCase(i)) & mask; slots[s] != null; s = (s + 1) & mask) {
            Entry e = slots[s];
            if (argv.equalsLowerCase(i, e.name)) {
                return e;
            }
        }
        return null;
    }

    /** The command named {@code name} (any case), or null. */
    Entry lookup(String name) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        for (int s = hash(b) & mask; slots[s] != null; s = (s + 1) & mask) {
            Entry e = slots[s];
            if (e.name.length == b.length && sameIgnoringCase(e.name, b)) {
                return e;
            }
        }
        return null;
    }

    /** Entries in declaration order. */
    List<Entry> entries() {
        return entries;
    }

    int size() {
        return entries.size();
    }

    private static int hash(byte[] b) {
        return mix(Argv.hashIgnoringAsciiCase(b));
    }

    private static int mix(int h) {
        return h ^ (h >>> 16);
    }

    private static boolean sameIgnoringCase(byte[] name, byte[] other) {
        for (int j = 0; j < name.length; j++) {
            if (name[j] != lower(other[j])) {
                return false;
            }
        }
        return true;
    }

    private static int lower(int b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b & 0xff;
    }
}
