package io.redisinternals.scripting;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;

/**
 * math.random and math.randomseed as redis-server 7.0.15 replaces them: a 48-bit linear
 * congruential generator (the rand48 family: x = 0x5DEECE66D * x + 0xB mod 2^48, a draw is the top
 * 31 bits) so scripts do not depend on the C library. The state belongs to the server, not to a
 * script or a Lua universe (Redis's is a process global; 7.0 does not reseed per EVAL, nor on
 * SCRIPT FLUSH); it starts at 0x1234ABCD330E.
 */
final class RedisRandom {

    private static final long MASK = (1L << 48) - 1;
    private static final long A = 0x5DEECE66DL;
    private static final double MAX = Integer.MAX_VALUE;

    private long x = 0x1234ABCD330EL;

    /** randomseed(n): the seed's 32 bits above the fixed low word 0x330E. */
    void seed(int seed) {
        x = ((seed & 0xFFFFFFFFL) << 16) | 0x330EL;
    }

    /** The next draw, 0 .. 2^31-1. */
    int next() {
        x = (A * x + 0xB) & MASK;
        return (int) (x >>> 17);
    }

    /** Installs both functions into the {@code math} table. */
    void install(LuaTable math) {
        math.rawset(LuaString.of("random"), LuaFunction.of("random", (s, a) -> Lua.one(random(a))));
        math.rawset(LuaString.of("randomseed"), LuaFunction.of("randomseed", (s, a) -> {
            seed((int) Lua.checkInteger(a, 1));
            return Lua.NONE;
        }));
    }

    private double random(Object[] a) {
        double r = (next() % Integer.MAX_VALUE) / MAX;
        switch (a.length) {
            case 0:
                return r;
            case 1: {
                long u = Lua.checkInteger(a, 1);
                if (u < 1) {
                    throw LuaError.argument(1, "interval is empty");
                }
                return Math.floor(r * u) + 1;
            }
            case 2: {
                long l = Lua.checkInteger(a, 1);
                long u = Lua.checkInteger(a, 2);
                if (l > u) {
                    throw LuaError.argument(2, "interval is empty");
                }
                return Math.floor(r * (u - l + 1)) + l;
            }
            default:
                throw LuaError.runtime("wrong number of arguments");
        }
    }
}
