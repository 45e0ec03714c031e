package io.redisinternals.engine;

import io.redisinternals.resp.ReplyWriter;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Error replies by code (INFO errorstats, {@code errorstat_WRONGTYPE:count=1}) and in total
 * (INFO stats {@code total_error_replies}), as Redis's afterErrorReply counts them: every error
 * reply the server writes, whether a command failed or was rejected before it ran.
 *
 * <p>Threading: under the execution lock.
 */
public final class ErrorStats {

    /** Redis looks for the code's end within the first 32 bytes of the error. */
    private static final int CODE_SCAN = 32;

    /** Sorted by code, as Redis's rax lists them. */
    private final TreeMap<String, long[]> byCode = new TreeMap<>();
    private long total;

    /**
     * If the reply written from {@code mark} on is an error, counts it and returns true. Its code
     * is the text between '-' and the first space within 32 bytes, or ERR when there is none.
     */
    boolean countIfError(ReplyWriter out, int mark) {
        if (out.byteAt(mark) != '-') {
            return false;
        }
        StringBuilder code = new StringBuilder(16);
        boolean spaced = false;
        for (int i = 1; i < CODE_SCAN; i++) {
            int b = out.byteAt(mark + i);
            if (b < 0 || b == '\r') {
                break;
            }
            if (b == ' ') {
                spaced = true;
                break;
            }
            code.append((char) b);
        }
        count(spaced && !code.isEmpty() ? code.toString() : "ERR");
        return true;
    }

    void count(String code) {
        total++;
        byCode.computeIfAbsent(code, c -> new long[1])[0]++;
    }

    /** Error replies since start (or the last CONFIG RESETSTAT). */
    public long total() {
        return total;
    }

    /** Count per error code, sorted by code. */
    public Map<String, Long> byCode() {
        TreeMap<String, Long> copy = new TreeMap<>();
        byCode.forEach((k, v) -> copy.put(k, v[0]));
        return Collections.unmodifiableMap(copy);
    }

    /** CONFIG RESETSTAT. */
    public void reset() {
        byCode.clear();
        total = 0;
    }
}
