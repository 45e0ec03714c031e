package io.redisinternals.scripting;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A script's first line when it starts with {@code #!} (Redis 7.0's evalExtractShebangFlags):
 * {@code #!lua} then options separated by spaces, of which only {@code flags=a,b,...} exists.
 * A script without a shebang runs in EVAL's compatibility mode (writes are checked per command,
 * not up front). The shebang line is not Lua: it is blanked before compiling, keeping its newline
 * so that line numbers in errors stay those of the script.
 *
 * @param flags  the {@code *} bits below
 * @param length bytes of the shebang line before its newline (0 without a shebang)
 */
record Shebang(int flags, int length) {

    static final int NO_WRITES = 1;
    static final int ALLOW_OOM = 1 << 1;
    static final int ALLOW_STALE = 1 << 2;
    static final int NO_CLUSTER = 1 << 3;
    static final int ALLOW_CROSS_SLOT_KEYS = 1 << 4;
    /** No shebang: the legacy behaviour of scripts before Redis 7.0. */
    static final int EVAL_COMPAT_MODE = 1 << 5;

    /** The flag names in Redis's order (scripts_flags_def). */
    private static final String[] NAMES = {"no-writes", "allow-oom", "allow-stale", "no-cluster", "allow-cross-slot-keys"};

    static final Shebang NONE = new Shebang(EVAL_COMPAT_MODE, 0);

    /**
     * Parses the shebang of {@code body}.
     *
     * @throws ScriptException with Redis's texts: "Invalid script shebang" (no newline after it),
     *         "Unexpected engine in script shebang: X", "Unknown lua shebang option: X",
     *         "Unexpected flag in script shebang: X"
     */
    static Shebang parse(byte[] body) {
        if (body.length < 2 || body[0] != '#' || body[1] != '!') {
            return NONE;
        }
        int end = indexOf(body, (byte) '\n');
        if (end < 0) {
            throw new ScriptException("ERR Invalid script shebang");
        }
        List<String> parts = split(new String(body, 0, end, StandardCharsets.ISO_8859_1));
        if (parts.isEmpty()) {
            throw new ScriptException("ERR Invalid engine in script shebang");
        }
        if (!parts.get(0).equals("#!lua")) {
            throw new ScriptException("ERR Unexpected engine in script shebang: " + parts.get(0));
        }
        int flags = 0;
        for (String option : parts.subList(1, parts.size())) {
            if (!option.startsWith("flags=")) {
                throw new ScriptException("ERR Unknown lua shebang option: " + option);
            }
            String list = option.substring(6);
            if (list.isEmpty()) {
                continue; // "flags=" declares none (Redis splits an empty string into no element)
            }
            for (String name : list.split(",", -1)) {
                flags |= flag(name);
            }
        }
        return new Shebang(flags, end);
    }

    /** The bit of a flag name, any case (functions' flags); 0 for no such flag. */
    static int flagBit(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equalsIgnoreCase(name)) {
                return 1 << i;
            }
        }
        return 0;
    }

    /** The flag names set in {@code flags}, in Redis's order. */
    static List<String> names(int flags) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            if ((flags & (1 << i)) != 0) {
                names.add(NAMES[i]);
            }
        }
        return names;
    }

    private static int flag(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return 1 << i;
            }
        }
        throw new ScriptException("ERR Unexpected flag in script shebang: " + name);
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /**
     * Redis's sdssplitargs for the plain words a shebang holds: split at blanks. (Quoted parts,
     * which sdssplitargs also reads, name no valid option either; they are taken literally here.)
     */
    private static List<String> split(String line) {
        List<String> parts = new ArrayList<>();
        for (String p : line.split("[ \t\r\u000b\f]+")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return parts;
    }

    private static int indexOf(byte[] b, byte c) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
