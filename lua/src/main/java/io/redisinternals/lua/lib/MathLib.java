package io.redisinternals.lua.lib;

import io.redisinternals.lua.Lua;
import io.redisinternals.lua.LuaError;
import io.redisinternals.lua.LuaFunction;
import io.redisinternals.lua.LuaState;
import io.redisinternals.lua.LuaString;
import io.redisinternals.lua.LuaTable;
import java.util.function.DoubleUnaryOperator;

/**
 * Lua 5.1's math library: abs acos asin atan atan2 ceil cos cosh deg exp floor fmod frexp huge
 * ldexp log log10 max min mod (fmod's old name, LUA_COMPAT_MOD) modf pi pow rad random
 * randomseed sin sinh sqrt tan tanh. The functions are Java's (results may differ from glibc's
 * libm in the last bit, below the 14 digits Lua prints). random draws from {@link CRandom}, the
 * C library's rand() as lua5.1 on glibc uses it, so sequences match the reference; a host such
 * as Redis replaces random/randomseed with its own generator anyway.
 */
public final class MathLib {

    private MathLib() {
    }

    private static final double RADIANS_PER_DEGREE = Math.PI / 180.0;

    public static void open(LuaState state) {
        LuaTable math = new LuaTable();
        unary(math, "abs", Math::abs);
        unary(math, "acos", x -> domain(x, Math.acos(x)));
        unary(math, "asin", x -> domain(x, Math.asin(x)));
        unary(math, "atan", Math::atan);
        binary(math, "atan2", Math::atan2);
        unary(math, "ceil", Math::ceil);
        unary(math, "cos", Math::cos);
        unary(math, "cosh", Math::cosh);
        unary(math, "deg", x -> x / RADIANS_PER_DEGREE);
        unary(math, "exp", Math::exp);
        unary(math, "floor", Math::floor);
        binary(math, "fmod", (x, y) -> x % y); // Java's % on doubles is C's fmod
        register(math, "frexp", (s, a) -> frexp(Lua.checkNumber(a, 1)));
        math.rawset(LuaString.of("huge"), Double.POSITIVE_INFINITY);
        register(math, "ldexp", (s, a) -> Lua.one(ldexp(Lua.checkNumber(a, 1), Args.checkInt(a, 2))));
        unary(math, "log", Math::log);
        unary(math, "log10", x -> domain(x, Math.log10(x)));
        register(math, "max", (s, a) -> Lua.one(extreme(a, true)));
        register(math, "min", (s, a) -> Lua.one(extreme(a, false)));
        binary(math, "mod", (x, y) -> x % y);
        register(math, "modf", (s, a) -> modf(Lua.checkNumber(a, 1)));
        math.rawset(LuaString.of("pi"), Math.PI);
        binary(math, "pow", Math::pow);
        unary(math, "rad", x -> x * RADIANS_PER_DEGREE);
        CRandom random = new CRandom();
        register(math, "random", (s, a) -> Lua.one(random(random, a)));
        register(math, "randomseed", (s, a) -> {
            random.seed(Args.checkInt(a, 1));
            return Lua.NONE;
        });
        unary(math, "sin", Math::sin);
        unary(math, "sinh", Math::sinh);
        unary(math, "sqrt", Math::sqrt);
        unary(math, "tan", Math::tan);
        unary(math, "tanh", Math::tanh);
        state.globals().rawset(LuaString.of("math"), math);
    }

    /**
     * glibc's acos, asin and log10 answer a domain error with a positive NaN where Java's
     * intrinsics give one with the sign bit set, and tostring shows the difference ("nan" against
     * "-nan"); a NaN argument passes through as it is.
     */
    private static double domain(double x, double result) {
        return Double.isNaN(result) && !Double.isNaN(x) ? Double.NaN : result;
    }

    private static void register(LuaTable t, String name, LuaFunction.Body body) {
        t.rawset(LuaString.of(name), LuaFunction.of(name, body));
    }

    private static void unary(LuaTable t, String name, DoubleUnaryOperator f) {
        register(t, name, (s, a) -> Lua.one(f.applyAsDouble(Lua.checkNumber(a, 1))));
    }

    private interface DoubleBinary {
        double apply(double x, double y);
    }

    private static void binary(LuaTable t, String name, DoubleBinary f) {
        register(t, name, (s, a) -> Lua.one(f.apply(Lua.checkNumber(a, 1), Lua.checkNumber(a, 2))));
    }

    /** max/min: every argument a number; a NaN is kept only where C's comparison keeps it. */
    private static double extreme(Object[] args, boolean max) {
        double r = Lua.checkNumber(args, 1);
        for (int i = 2; i <= args.length; i++) {
            double d = Lua.checkNumber(args, i);
            if (max ? d > r : d < r) {
                r = d;
            }
        }
        return r;
    }

    /** C's frexp: m in [0.5, 1) (sign kept) and e with x = m * 2^e; 0, inf and NaN as they are. */
    static Object[] frexp(double x) {
        if (x == 0 || Double.isNaN(x) || Double.isInfinite(x)) {
            return new Object[] {x, 0.0};
        }
        int e = Math.getExponent(x);
        double m;
        if (e == Double.MIN_EXPONENT - 1) { // subnormal: scale into the normal range first
            double scaled = x * 0x1p54;
            e = Math.getExponent(scaled) - 54;
            m = Math.scalb(scaled, -(Math.getExponent(scaled) + 1));
        } else {
            m = Math.scalb(x, -(e + 1));
        }
        return new Object[] {m, (double) (e + 1)};
    }

    /** C's ldexp: exact unless the result leaves the double range (then rounded once). */
    static double ldexp(double m, int e) {
        return Math.scalb(m, e);
    }

    /** C's modf: the integral part (toward zero) and the fraction, both with x's sign. */
    static Object[] modf(double x) {
        if (Double.isInfinite(x)) {
            return new Object[] {x, Math.copySign(0.0, x)};
        }
        double ip = x < 0 ? Math.ceil(x) : Math.floor(x);
        double fp = Double.isNaN(x) ? x : Math.copySign(x - ip, x);
        return new Object[] {ip, fp};
    }

    /** Lua 5.1's math.random: the draw happens before the arguments are checked. */
    private static double random(CRandom random, Object[] args) {
        double r = (double) (random.next() % CRandom.RAND_MAX) / CRandom.RAND_MAX;
        switch (args.length) {
            case 0:
                return r;
            case 1: {
                int u = Args.checkInt(args, 1);
                if (!(1 <= u)) {
                    throw LuaError.argument(1, "interval is empty");
                }
                return Math.floor(r * u) + 1;
            }
            case 2: {
                int l = Args.checkInt(args, 1);
                int u = Args.checkInt(args, 2);
                if (!(l <= u)) {
                    throw LuaError.argument(2, "interval is empty");
                }
                return Math.floor(r * (u - l + 1)) + l; // in int arithmetic, as the C code
            }
            default:
                throw LuaError.runtime("wrong number of arguments");
        }
    }
}
