package io.redisinternals.engine;

import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeySpec;
import io.redisinternals.resp.Argv;

import java.util.ArrayList;
import java.util.List;

/**
 * The keys of a call, from its command's key specs, as Redis's getKeysFromCommand: COMMAND
 * GETKEYS and client tracking (the keys a read-only command fetched) use the same extraction.
 */
public final class CommandKeys {

    private CommandKeys() {
    }

    /**
     * The keys of the call whose command name is {@code argv[first]}, as {argv index, key spec
     * index} pairs in key-spec order; null when a keynum names more keys than there are arguments
     * (the call is invalid).
     */
    public static List<int[]> of(CommandSpec s, Argv argv, int first) {
        int argc = argv.count() - first;
        List<int[]> keys = new ArrayList<>();
        for (int spec = 0; spec < s.keySpecs().size(); spec++) {
            KeySpec k = s.keySpecs().get(spec);
            if (k.isUnknown()) {
                if (k.finder() != null) {
                    for (int at : k.finder().find(argv, first, argc)) {
                        keys.add(new int[] {first + at, spec});
                    }
                }
                continue;
            }
            int begin = k.beginIndex();
            int last;
            int step;
            if (k.isKeynum()) {
                // As Redis: a numkeys that is not a count or names more keys than there are
                // arguments makes the whole call invalid.
                int at = begin + k.keynum().keynumIdx();
                long numkeys = at < argc ? parseCount(argv.bytes(first + at)) : -1;
                begin += k.keynum().firstKey();
                if (numkeys < 0 || begin + numkeys - 1 >= argc) {
                    return null;
                }
                last = begin + (int) numkeys - 1;
                step = Math.max(1, k.keynum().keyStep());
            } else {
                last = k.lastKey() >= 0 ? begin + k.lastKey() : argc + k.lastKey();
                step = Math.max(1, k.step());
            }
            for (int i = begin; i <= last && i < argc; i += step) {
                keys.add(new int[] {first + i, spec});
            }
        }
        return keys;
    }

    /** A decimal count as Redis's string2ll reads it, or -1 when it is not one. */
    private static long parseCount(byte[] b) {
        try {
            return io.redisinternals.resp.Numbers.parseStrictLong(b, 0, b.length);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
