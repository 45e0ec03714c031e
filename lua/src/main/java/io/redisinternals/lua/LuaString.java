package io.redisinternals.lua;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Lua string: an immutable sequence of bytes (Lua strings are 8-bit clean; Redis passes binary
 * values through them). Equal strings are equal values; the hash is Lua 5.1's (luaS_hash: seeded
 * with the length, at most 32 bytes sampled from the end), so tables lay out string keys as
 * lua5.1 does and {@code pairs} visits them in the same order.
 */
public final class LuaString implements Comparable<LuaString> {

    public static final LuaString EMPTY = new LuaString(new byte[0]);

    private final byte[] bytes;
    private final int hash;

    private LuaString(byte[] bytes) {
        this.bytes = bytes;
        this.hash = luaHash(bytes);
    }

    /** Takes {@code bytes} without copying: the caller must not change them afterwards. */
    public static LuaString wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new LuaString(bytes);
    }

    public static LuaString copyOf(byte[] bytes, int from, int to) {
        return wrap(Arrays.copyOfRange(bytes, from, to));
    }

    /** A Java string as UTF-8 bytes (source text, messages). */
    public static LuaString of(String s) {
        return wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    public int length() {
        return bytes.length;
    }

    /** The byte at {@code i} (0-based) as 0..255. */
    public int byteAt(int i) {
        return bytes[i] & 0xff;
    }

    /** A copy of the bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** The bytes themselves, for readers that do not keep or change them. */
    byte[] bytes() {
        return bytes;
    }

    /** Copies the bytes into {@code dst} at {@code at}. */
    public void copyTo(byte[] dst, int at) {
        System.arraycopy(bytes, 0, dst, at, bytes.length);
    }

    public LuaString substring(int from, int to) {
        return from == 0 && to == bytes.length ? this : copyOf(bytes, from, to);
    }

    public LuaString concat(LuaString other) {
        byte[] r = Arrays.copyOf(bytes, bytes.length + other.bytes.length);
        System.arraycopy(other.bytes, 0, r, bytes.length, other.bytes.length);
        return wrap(r);
    }

    /** Lua 5.1's string hash (lstring.c luaS_newlstr): step over long strings, seed = length. */
    private static int luaHash(byte[] s) {
        int l = s.length;
        int h = l;
        int step = (l >> 5) + 1;
        for (int l1 = l; l1 >= step; l1 -= step) {
            h = h ^ ((h << 5) + (h >>> 2) + (s[l1 - 1] & 0xff));
        }
        return h;
    }

    /** Lua's hash (unsigned int semantics in an int). */
    public int luaHash() {
        return hash;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof LuaString s && s.hash == hash && Arrays.equals(s.bytes, bytes);
    }

    /** As Lua's l_strcmp in the C locale: unsigned byte order. */
    @Override
    public int compareTo(LuaString o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    /** The bytes as ISO-8859-1 (one char per byte: a faithful round trip), for messages and tests. */
    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
