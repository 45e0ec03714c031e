package io.redisinternals.keyspace.dict;

import java.nio.charset.StandardCharsets;

/**
 * Glob-style matching with redis-server's {@code stringmatchlen} semantics, used by KEYS, SCAN
 * MATCH, CONFIG GET, COMMAND LIST FILTERBY PATTERN and CLIENT/PUBSUB filters.
 *
 * <p>Syntax: {@code *} any run of bytes, {@code ?} one byte, {@code [abc]} / {@code [a-z]} / {@code [^x]}
 * a class ({@code \} escapes inside it, reversed ranges are swapped, an unterminated class runs to
 * the end of the pattern), {@code \x} the literal x (a trailing {@code \} is itself literal). As in
 * Redis, an empty subject matches only the empty pattern (not even {@code *}), and range bounds
 * compare bytes as signed chars, so bytes >= 0x80 sort below ASCII.
 *
 * <p>Why iterative: Redis's matcher recurses once per {@code *}, so a pattern like
 * {@code a*a*a*...b} against a long subject costs exponential time (a past CVE class). Every token
 * other than {@code *} consumes exactly one byte, so it is enough to remember the position of the
 * last star: on a mismatch, retry the text after that star one byte further on. Earlier stars never
 * need revisiting (the last star can absorb whatever they would have), which bounds the work at
 * O(pattern length x subject length) with no recursion and no allocation.
 */
public final class GlobMatcher {

    private GlobMatcher() {
    }

    public static boolean matches(String pattern, String subject, boolean ignoreCase) {
        return matches(pattern.getBytes(StandardCharsets.UTF_8), subject.getBytes(StandardCharsets.UTF_8), ignoreCase);
    }

    public static boolean matches(byte[] pattern, byte[] subject, boolean ignoreCase) {
        return matches(pattern, 0, pattern.length, subject, 0, subject.length, ignoreCase);
    }

    /** Matches {@code subject[so, so+sl)} against {@code pattern[po, po+pl)}. */
    public static boolean matches(byte[] pattern, int po, int pl, byte[] subject, int so, int sl, boolean ignoreCase) {
        int pEnd = po + pl;
        int sEnd = so + sl;
        if (sl == 0) {
            return pl == 0; // Redis's loop never runs on an empty subject
        }
        int p = po;
        int s = so;
        int starP = -1; // pattern index just after the last star seen
        int starS = -1; // subject index that star's retry will start from
        while (s < sEnd) {
            if (p < pEnd) {
                if (pattern[p] == '*') {
                    while (p < pEnd && pattern[p] == '*') {
                        p++;
                    }
                    if (p == pEnd) {
                        return true;
                    }
                    starP = p;
                    starS = s;
                    continue;
                }
                int next = matchOne(pattern, p, pEnd, subject[s], ignoreCase);
                if (next >= 0) {
                    p = next;
                    s++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            // Let the last star absorb one more byte and retry the rest of the pattern.
            starS++;
            s = starS;
            p = starP;
        }
        while (p < pEnd && pattern[p] == '*') {
            p++;
        }
        return p == pEnd;
    }

    /**
     * Matches the single non-star token at {@code p} against byte {@code c}.
     *
     * @return the pattern index after the token if it matches, -1 if not
     */
    private static int matchOne(byte[] pat, int p, int pEnd, byte c, boolean nocase) {
        byte t = pat[p];
        switch (t) {
            case '?':
                return p + 1;
            case '[':
                return matchClass(pat, p + 1, pEnd, c, nocase);
            case '\\':
                if (pEnd - p >= 2) {
                    p++;
                    t = pat[p];
                }
                return sameByte(t, c, nocase) ? p + 1 : -1;
            default:
                return sameByte(t, c, nocase) ? p + 1 : -1;
        }
    }

    /** A {@code [...]} class starting just after the '['; returns the index after the ']' (or the end) or -1. */
    private static int matchClass(byte[] pat, int p, int pEnd, byte c, boolean nocase) {
        boolean not = p < pEnd && pat[p] == '^';
        if (not) {
            p++;
        }
        boolean match = false;
        while (true) {
            if (p >= pEnd) {
                break; // unterminated: the class ends with the pattern
            }
            byte t = pat[p];
            if (t == '\\' && pEnd - p >= 2) {
                p++;
                if (pat[p] == c) { // escaped bytes compare exactly, even with nocase (as Redis)
                    match = true;
                }
            } else if (t == ']') {
                p++;
                break;
            } else if (pEnd - p >= 3 && pat[p + 1] == '-') {
                int start = pat[p];
                int end = pat[p + 2];
                int ch = c;
                if (start > end) {
                    int tmp = start;
                    start = end;
                    end = tmp;
                }
                if (nocase) {
                    start = lower(start);
                    end = lower(end);
                    ch = lower(ch);
                }
                p += 2;
                if (ch >= start && ch <= end) {
                    match = true;
                }
            } else if (sameByte(t, c, nocase)) {
                match = true;
            }
            if (t != ']') {
                p++;
            }
        }
        return match != not ? p : -1;
    }

    private static boolean sameByte(byte a, byte b, boolean nocase) {
        return a == b || (nocase && lower(a) == lower(b));
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
}
