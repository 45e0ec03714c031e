package io.redisinternals.keyspace.dict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobMatcherTest {

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "*|anything|true",
        "h?llo|hello|true",
        "h?llo|hllo|false",
        "h*llo|heeeello|true",
        "h[ae]llo|hallo|true",
        "h[ae]llo|hillo|false",
        "h[^e]llo|hallo|true",
        "h[^e]llo|hello|false",
        "h[a-b]llo|hbllo|true",
        "h[b-a]llo|hallo|true",
        "h\\*llo|h*llo|true",
        "h\\*llo|hello|false",
        "[\\]]|]|true",
        "abc\\|abc\\|true",
        "a[|a|false",
        "a[bc|ac|true",
        "a[^|ab|true",
        "*a*b*c*|xaybzc|true",
        "*a*b*c*|xaybz|false",
        "maxc*|maxclients|true",
        "**|x|true",
        "a[b-|ab|true",
        "a[b-|a-|true",
    })
    void redisSemantics(String pattern, String subject, boolean expected) {
        assertEquals(expected, GlobMatcher.matches(pattern, subject, false));
        assertEquals(expected, reference(bytes(pattern), 0, bytes(subject), 0, false));
    }

    @Test
    void emptySubjectMatchesOnlyEmptyPatternAsRedis() {
        // Redis's matcher never enters its loop for an empty string, so even "*" fails (KEYS ** on key "").
        assertFalse(GlobMatcher.matches("*", "", false));
        assertTrue(GlobMatcher.matches("", "", false));
        assertFalse(GlobMatcher.matches("", "a", false));
    }

    @Test
    void ignoreCase() {
        assertTrue(GlobMatcher.matches("MAX*", "maxclients", true));
        assertFalse(GlobMatcher.matches("MAX*", "maxclients", false));
        assertTrue(GlobMatcher.matches("[A-C]x", "bX", true));
        // An escaped byte compares exactly even without case, as in Redis.
        assertFalse(GlobMatcher.matches("[\\A]", "a", true));
    }

    @Test
    void pathologicalPatternIsFast() {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            p.append("a*");
        }
        p.append('b');
        byte[] subject = "a".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
        long t0 = System.nanoTime();
        assertFalse(GlobMatcher.matches(bytes(p.toString()), subject, false));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 500, "took " + ms + " ms");
    }

    @Test
    void agreesWithRecursiveReferenceOnRandomInputs() {
        Random r = new Random(42);
        byte[] alphabet = "ab*?[]^-\\A".getBytes(StandardCharsets.US_ASCII);
        for (int n = 0; n < 300_000; n++) {
            byte[] pat = random(r, alphabet, r.nextInt(7));
            byte[] sub = random(r, "abAB-]".getBytes(StandardCharsets.US_ASCII), r.nextInt(7));
            boolean nocase = r.nextBoolean();
            boolean expected = reference(pat, 0, sub, 0, nocase);
            assertEquals(expected, GlobMatcher.matches(pat, sub, nocase), () -> "pattern '"
                    + new String(pat, StandardCharsets.US_ASCII) + "' subject '"
                    + new String(sub, StandardCharsets.US_ASCII) + "' nocase " + nocase);
        }
    }

    private static byte[] random(Random r, byte[] alphabet, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = alphabet[r.nextInt(alphabet.length)];
        }
        return b;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A deliberately naive recursive matcher written straight from the documented semantics of
     * Redis's stringmatchlen (exponential on bad patterns; only for short random inputs).
     */
    static boolean reference(byte[] p, int pi, byte[] s, int si, boolean nocase) {
        if (s.length == 0) {
            return p.length == 0;
        }
        while (pi < p.length && si < s.length) {
            switch (p[pi]) {
                case '*' -> {
                    while (pi + 1 < p.length && p[pi + 1] == '*') {
                        pi++;
                    }
                    if (pi + 1 == p.length) {
                        return true;
                    }
                    for (int k = si; k < s.length; k++) {
                        if (reference(p, pi + 1, s, k, nocase)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?' -> si++;
                case '[' -> {
                    pi++;
                    boolean not = pi < p.length && p[pi] == '^';
                    if (not) {
                        pi++;
                    }
                    boolean match = false;
                    while (true) {
                        if (pi < p.length && p[pi] == '\\' && p.length - pi >= 2) {
                            pi++;
                            match |= p[pi] == s[si];
                        } else if (pi < p.length && p[pi] == ']') {
                            break;
                        } else if (pi >= p.length) {
                            pi--;
                            break;
                        } else if (p.length - pi >= 3 && p[pi + 1] == '-') {
                            int a = p[pi];
                            int b = p[pi + 2];
                            int c = s[si];
                            if (a > b) {
                                int t = a;
                                a = b;
                                b = t;
                            }
                            if (nocase) {
                                a = lower(a);
                                b = lower(b);
                                c = lower(c);
                            }
                            pi += 2;
                            match |= c >= a && c <= b;
                        } else {
                            match |= nocase ? lower(p[pi]) == lower(s[si]) : p[pi] == s[si];
                        }
                        pi++;
                    }
                    if (not) {
                        match = !match;
                    }
                    if (!match) {
                        return false;
                    }
                    si++;
                }
                default -> {
                    if (p[pi] == '\\' && p.length - pi >= 2) {
                        pi++;
                    }
                    boolean eq = nocase ? lower(p[pi]) == lower(s[si]) : p[pi] == s[si];
                    if (!eq) {
                        return false;
                    }
                    si++;
                }
            }
            pi++;
            if (si == s.length) {
                while (pi < p.length && p[pi] == '*') {
                    pi++;
                }
                break;
            }
        }
        return pi == p.length && si == s.length;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
}
