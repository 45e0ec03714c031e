package io.redisinternals.lua.lib;

import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaString;

/**
 * Lua 5.1 patterns: a backtracking matcher over bytes with Lua's semantics (classes in the C
 * locale, sets, anchors, the quantifiers {@code * + - ?}, captures and position captures,
 * {@code %b}, {@code %f}, back-references). As in Lua 5.1 a pattern ends at its first zero byte
 * (use {@code %z} to match one). One instance is one match attempt's state: the subject, the
 * pattern and the captures found so far; it is reused across the start positions of a search.
 *
 * <p>Backtracking recurses only per quantified item or capture, never per subject byte, as Lua's
 * matcher does; Lua 5.1 has no limit there (a deep pattern overflows the C stack), we stop at
 * {@link #MAX_DEPTH} levels with "pattern too complex" (Lua 5.2's text, whose limit is 200)
 * rather than a Java stack overflow; should the thread's stack still run out first (a small
 * stack, a deep caller), the overflow becomes the same Lua error.
 */
final class LuaPattern {

    static final int MAX_CAPTURES = 32; // LUA_MAXCAPTURES
    private static final int MAX_DEPTH = 1000;
    private static final int CAP_UNFINISHED = -1;
    private static final int CAP_POSITION = -2;
    /** Characters that make string.find use the matcher rather than a plain search. */
    private static final String SPECIALS = "^$*+?.([%-";

    final byte[] src;
    private final byte[] pat;
    private final int patEnd;
    int level;
    private final int[] captureStart = new int[MAX_CAPTURES];
    private final int[] captureLength = new int[MAX_CAPTURES];
    private int depth;

    LuaPattern(byte[] src, byte[] pat) {
        this.src = src;
        this.pat = pat;
        int end = 0;
        while (end < pat.length && pat[end] != 0) {
            end++;
        }
        this.patEnd = end;
    }

    /** Whether a pattern has no special characters before its end (string.find goes plain). */
    static boolean isPlain(byte[] pat) {
        for (byte b : pat) {
            if (b == 0) {
                return true;
            }
            if (SPECIALS.indexOf(b) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the pattern starts with the '^' anchor. */
    boolean anchored() {
        return patEnd > 0 && pat[0] == '^';
    }

    /**
     * Matches the pattern from pattern index {@code p} at subject index {@code s}, resetting the
     * captures: the end of the match, or -1.
     */
    int matchAt(int s, int p) {
        level = 0;
        depth = 0;
        try {
            return match(s, p);
        } catch (StackOverflowError e) {
            // only this matcher's own frames are unwound; its state is reset by the next call
            throw LuaError.runtime("pattern too complex");
        }
    }

    private int pc(int p) {
        return p < patEnd ? pat[p] & 0xff : 0;
    }

    private int match(int s, int p) {
        if (++depth > MAX_DEPTH) {
            throw LuaError.runtime("pattern too complex");
        }
        try {
            while (true) {
                if (p >= patEnd) {
                    return s;
                }
                int c = pat[p] & 0xff;
                if (c == '(') {
                    return pc(p + 1) == ')' ? startCapture(s, p + 2, CAP_POSITION) : startCapture(s, p + 1, CAP_UNFINISHED);
                }
                if (c == ')') {
                    return endCapture(s, p + 1);
                }
                if (c == '%') {
                    int next = pc(p + 1);
                    if (next == 'b') {
                        s = matchBalance(s, p + 2);
                        if (s == -1) {
                            return -1;
                        }
                        p += 4;
                        continue;
                    }
                    if (next == 'f') {
                        p += 2;
                        if (pc(p) != '[') {
                            throw LuaError.runtime("missing '[' after '%f' in pattern");
                        }
                        int ep = classEnd(p);
                        int previous = s == 0 ? 0 : src[s - 1] & 0xff;
                        int current = s < src.length ? src[s] & 0xff : 0;
                        if (!matchBracket(previous, p, ep - 1) && matchBracket(current, p, ep - 1)) {
                            p = ep;
                            continue;
                        }
                        return -1;
                    }
                    if (next >= '0' && next <= '9') {
                        s = matchCapture(s, next);
                        if (s == -1) {
                            return -1;
                        }
                        p += 2;
                        continue;
                    }
                } else if (c == '$' && p + 1 == patEnd) {
                    return s == src.length ? s : -1;
                }
                int ep = classEnd(p);
                boolean m = s < src.length && singleMatch(src[s] & 0xff, p, ep);
                int q = pc(ep);
                if (q == '?') {
                    if (m) {
                        int r = match(s + 1, ep + 1);
                        if (r != -1) {
                            return r;
                        }
                    }
                    p = ep + 1;
                    continue;
                }
                if (q == '*') {
                    return maxExpand(s, p, ep);
                }
                if (q == '+') {
                    return m ? maxExpand(s + 1, p, ep) : -1;
                }
                if (q == '-') {
                    return minExpand(s, p, ep);
                }
                if (!m) {
                    return -1;
                }
                s++;
                p = ep;
            }
        } finally {
            depth--;
        }
    }

    private int maxExpand(int s, int p, int ep) {
        int i = 0;
        while (s + i < src.length && singleMatch(src[s + i] & 0xff, p, ep)) {
            i++;
        }
        for (; i >= 0; i--) { // try the longest repetition first, then give back one by one
            int r = match(s + i, ep + 1);
            if (r != -1) {
                return r;
            }
        }
        return -1;
    }

    private int minExpand(int s, int p, int ep) {
        while (true) {
            int r = match(s, ep + 1);
            if (r != -1) {
                return r;
            }
            if (s < src.length && singleMatch(src[s] & 0xff, p, ep)) {
                s++;
            } else {
                return -1;
            }
        }
    }

    private int startCapture(int s, int p, int what) {
        if (level >= MAX_CAPTURES) {
            throw LuaError.runtime("too many captures");
        }
        captureStart[level] = s;
        captureLength[level] = what;
        level++;
        int r = match(s, p);
        if (r == -1) {
            level--;
        }
        return r;
    }

    private int endCapture(int s, int p) {
        int l = captureToClose();
        captureLength[l] = s - captureStart[l];
        int r = match(s, p);
        if (r == -1) {
            captureLength[l] = CAP_UNFINISHED;
        }
        return r;
    }

    private int captureToClose() {
        for (int l = level - 1; l >= 0; l--) {
            if (captureLength[l] == CAP_UNFINISHED) {
                return l;
            }
        }
        throw LuaError.runtime("invalid pattern capture");
    }

    private int matchBalance(int s, int p) {
        if (p >= patEnd || p + 1 >= patEnd) {
            throw LuaError.runtime("unbalanced pattern");
        }
        int open = pat[p];
        int close = pat[p + 1];
        if (s >= src.length || src[s] != open) {
            return -1;
        }
        int depthCount = 1;
        while (++s < src.length) {
            if (src[s] == close) {
                if (--depthCount == 0) {
                    return s + 1;
                }
            } else if (src[s] == open) {
                depthCount++;
            }
        }
        return -1;
    }

    private int matchCapture(int s, int digit) {
        int l = checkCapture(digit);
        int len = captureLength[l];
        if (len < 0 || src.length - s < len) {
            return -1;
        }
        int start = captureStart[l];
        for (int i = 0; i < len; i++) {
            if (src[start + i] != src[s + i]) {
                return -1;
            }
        }
        return s + len;
    }

    private int checkCapture(int digit) {
        int l = digit - '1';
        if (l < 0 || l >= level || captureLength[l] == CAP_UNFINISHED) {
            throw LuaError.runtime("invalid capture index");
        }
        return l;
    }

    /** The index just past the single-character class at {@code p}. */
    private int classEnd(int p) {
        int c = pat[p++];
        if (c == '%') {
            if (p >= patEnd) {
                throw LuaError.runtime("malformed pattern (ends with '%')");
            }
            return p + 1;
        }
        if (c == '[') {
            if (pc(p) == '^') {
                p++;
            }
            do { // the first character is part of the set even if it is ']'
                if (p >= patEnd) {
                    throw LuaError.runtime("malformed pattern (missing ']')");
                }
                int d = pat[p++];
                if (d == '%' && p < patEnd) {
                    p++;
                }
            } while (pc(p) != ']');
            return p + 1;
        }
        return p;
    }

    private boolean singleMatch(int c, int p, int ep) {
        int pch = pat[p] & 0xff;
        switch (pch) {
            case '.':
                return true;
            case '%':
                return matchClass(c, pat[p + 1] & 0xff);
            case '[':
                return matchBracket(c, p, ep - 1);
            default:
                return pch == c;
        }
    }

    /** A set "[...]" from {@code p} (its '[') to {@code ec} (its ']'). */
    private boolean matchBracket(int c, int p, int ec) {
        boolean found = true;
        if (pc(p + 1) == '^') {
            found = false;
            p++;
        }
        while (++p < ec) {
            int pch = pat[p] & 0xff;
            if (pch == '%') {
                p++;
                if (matchClass(c, pc(p))) {
                    return found;
                }
            } else if (pc(p + 1) == '-' && p + 2 < ec) {
                p += 2;
                if (pch <= c && c <= (pat[p] & 0xff)) {
                    return found;
                }
            } else if (pch == c) {
                return found;
            }
        }
        return !found;
    }

    /** %a %c %d %l %p %s %u %w %x %z and their upper-case complements; else the literal class. */
    static boolean matchClass(int c, int cl) {
        boolean r;
        switch (cl | 0x20) {
            case 'a': r = Ctype.isAlpha(c); break;
            case 'c': r = Ctype.isCntrl(c); break;
            case 'd': r = Ctype.isDigit(c); break;
            case 'l': r = Ctype.isLower(c); break;
            case 'p': r = Ctype.isPunct(c); break;
            case 's': r = Ctype.isSpace(c); break;
            case 'u': r = Ctype.isUpper(c); break;
            case 'w': r = Ctype.isAlnum(c); break;
            case 'x': r = Ctype.isXDigit(c); break;
            case 'z': r = c == 0; break;
            default: return cl == c;
        }
        return Ctype.isUpper(cl) ? !r : r;
    }

    /** Capture {@code i} of a match [s, e): a string, a position (1-based), or the whole match. */
    Object capture(int i, int s, int e) {
        if (i >= level) {
            if (i == 0) {
                return LuaString.wrap(java.util.Arrays.copyOfRange(src, s, e));
            }
            throw LuaError.runtime("invalid capture index");
        }
        int len = captureLength[i];
        if (len == CAP_UNFINISHED) {
            throw LuaError.runtime("unfinished capture");
        }
        if (len == CAP_POSITION) {
            return (double) (captureStart[i] + 1);
        }
        int start = captureStart[i];
        return LuaString.wrap(java.util.Arrays.copyOfRange(src, start, start + len));
    }

    /** All captures of a match, or the whole match when the pattern has none and {@code whole}. */
    Object[] captures(int s, int e, boolean whole) {
        int n = (level == 0 && whole) ? 1 : level;
        Object[] r = new Object[n];
        for (int i = 0; i < n; i++) {
            r[i] = capture(i, s, e);
        }
        return r;
    }
}
