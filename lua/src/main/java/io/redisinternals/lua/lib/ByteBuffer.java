package io.redisinternals.lua.lib;

import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import java.util.Arrays;

/**
 * A growing byte array for results built piece by piece (luaL_Buffer): each growth (the bytes
 * added to the array) is charged to the state's memory budget before it happens, so a runaway gsub or format fails with Lua's
 * "not enough memory" rather than exhausting the heap.
 */
final class ByteBuffer {

    private final LuaState state;
    private byte[] bytes;
    private int length;

    ByteBuffer(LuaState state, int capacity) {
        this.state = state;
        state.allocate(capacity);
        this.bytes = new byte[Math.max(16, capacity)];
    }

    private void ensure(int extra) {
        long needed = (long) length + extra;
        if (needed > bytes.length) {
            long size = Math.max(needed, (long) bytes.length * 2);
            if (size > Integer.MAX_VALUE - 8) {
                size = needed;
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw io.redisinternals.lua.LuaError.memory();
            }
            state.allocate(size - bytes.length); // the growth; the old array is garbage after
            bytes = Arrays.copyOf(bytes, (int) size);
        }
    }

    void add(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
    }

    void add(byte[] b, int from, int to) {
        ensure(to - from);
        System.arraycopy(b, from, bytes, length, to - from);
        length += to - from;
    }

    void add(byte[] b) {
        add(b, 0, b.length);
    }

    void add(LuaString s) {
        ensure(s.length());
        s.copyTo(bytes, length);
        length += s.length();
    }

    void add(String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            add(ascii.charAt(i));
        }
    }

    LuaString result() {
        return LuaString.wrap(length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
    }
}
