package io.redisinternals.resp;

/**
 * The two text helpers of Redis's sds library that its line-based files and logs rely on:
 * {@code sdscatrepr} (how CONFIG REWRITE, the AOF manifest and the query-buffer log line quote a
 * byte string) and {@code sdstrim(s, " \t\r\n")} (how redis.conf and manifest lines are read).
 * The inverse of {@code sdssplitargs}, which is {@link RequestParser#splitLine}.
 */
public final class SdsText {

    private SdsText() {
    }

    /**
     * Redis's sdscatrepr of {@code bytes[from, to)}: in double quotes; backslash, quote, \n \r \t
     * \a \b escaped; other printable ASCII as is; anything else as \xHH.
     */
    public static String repr(byte[] bytes, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from + 2).append('"');
        for (int i = from; i < to; i++) {
            int c = bytes[i] & 0xff;
            switch (c) {
                case '\\', '"' -> sb.append('\\').append((char) c);
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                default -> {
                    if (c >= ' ' && c < 0x7f) {
                        sb.append((char) c);
                    } else {
                        sb.append(String.format(java.util.Locale.ROOT, "\\x%02x", c));
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    public static String repr(byte[] bytes) {
        return repr(bytes, 0, bytes.length);
    }

    /** Redis's sdstrim(s, " \t\r\n"): those four characters cut from both ends. */
    public static String trim(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && " \t\r\n".indexOf(s.charAt(b)) >= 0) {
            b++;
        }
        while (e > b && " \t\r\n".indexOf(s.charAt(e - 1)) >= 0) {
            e--;
        }
        return s.substring(b, e);
    }
}
