package io.redisinternals.lua.lib;

/** C's ctype.h in the C locale (what Lua 5.1's patterns and upper/lower see): bytes 0..255. */
final class Ctype {

    private Ctype() {
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isLower(int c) {
        return c >= 'a' && c <= 'z';
    }

    static boolean isUpper(int c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isAlpha(int c) {
        return isLower(c) || isUpper(c);
    }

    static boolean isAlnum(int c) {
        return isAlpha(c) || isDigit(c);
    }

    static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    static boolean isCntrl(int c) {
        return c < 32 || c == 127;
    }

    /** Printable, not a space, not alphanumeric. */
    static boolean isPunct(int c) {
        return c > 32 && c < 127 && !isAlnum(c);
    }

    static boolean isXDigit(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static int toLower(int c) {
        return isUpper(c) ? c + 32 : c;
    }

    static int toUpper(int c) {
        return isLower(c) ? c - 32 : c;
    }
}
