package io.redisinternals.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

/** The limits a host sets on a LuaState: call depth, Java stack, memory budget, instruction hook. */
class LuaLimitsTest {

    private static Object[] run(LuaState st, String code) {
        return st.call(st.load(LuaString.of(code), "=test"));
    }

    @Test
    void callDepthLimitIsLuasStackOverflowCatchableByPcall() {
        LuaState st = LuaRun.newState();
        st.maxCallDepth(50);
        Object[] r = run(st, "local function f(n) return 1 + f(n + 1) end return pcall(f, 1)");
        assertEquals(Boolean.FALSE, r[0]);
        assertEquals("test:1: stack overflow", r[1].toString());
        // below the limit all is well
        assertEquals(40.0, run(st, "local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end return f(40)")[0]);
    }

    @Test
    void javaStackExhaustionBecomesALuaErrorNotAStackOverflowError() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            LuaState st = LuaRun.newState();
            st.maxCallDepth(Integer.MAX_VALUE);
            try {
                run(st, "local function f() return 1 + f() end f()");
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        assertTrue(thrown.get() instanceof LuaError, String.valueOf(thrown.get()));
        assertTrue(((LuaError) thrown.get()).getMessage().endsWith("stack overflow"), thrown.get().getMessage());
    }

    @Test
    void pcallCatchesJavaStackExhaustionAndTheStateStaysUsable() throws Exception {
        AtomicReference<Object[]> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            LuaState st = LuaRun.newState();
            st.maxCallDepth(Integer.MAX_VALUE);
            Object[] r = run(st, "local function f() return 1 + f() end return pcall(f)");
            Object[] after = run(st, "return debug.traceback('x')");
            result.set(new Object[] {r[0], r[1], after[0]});
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        Object[] r = result.get();
        assertEquals(Boolean.FALSE, r[0]);
        assertTrue(r[1].toString().endsWith("stack overflow"), r[1].toString());
        assertEquals("x\nstack traceback:\n\ttest:1: in main chunk\n\t[C]: ?", r[2].toString(),
                "the call stack unwound fully");
    }

    @Test
    void memoryBudgetStopsGrowingTablesAndStrings() {
        LuaState st = LuaRun.newState();
        st.memoryLimit(1_000_000);
        LuaError e = assertThrows(LuaError.class, () -> run(st, "local t = {} for i = 1, 1e7 do t[i] = i end"));
        assertEquals("not enough memory", e.getMessage());
        st.resetMemoryUsed();
        e = assertThrows(LuaError.class, () -> run(st, "local s = 'x' for i = 1, 40 do s = s .. s end"));
        assertEquals("not enough memory", e.getMessage());
        st.resetMemoryUsed();
        Object[] r = run(st, "return pcall(function() local t = {} for i = 1, 1e7 do t[#t + 1] = {} end end)");
        assertEquals(Boolean.FALSE, r[0]);
        assertEquals("not enough memory", r[1].toString());
        st.resetMemoryUsed();
        assertEquals(3.0, run(st, "local t = {1, 2, 3} return #t")[0], "usable again under the budget");
    }

    @Test
    void instructionHookRunsEveryNCountsAndCanAbortAnEndlessLoop() {
        LuaState st = LuaRun.newState();
        int[] calls = {0};
        st.instructionHook(1000, () -> {
            if (++calls[0] == 50) {
                throw LuaError.value(LuaString.of("timeout"));
            }
        });
        LuaError e = assertThrows(LuaError.class, () -> run(st, "while true do end"));
        assertEquals("timeout", e.getMessage());
        assertEquals(50, calls[0]);
        calls[0] = 0;
        run(st, "for i = 1, 10000 do end");
        assertTrue(calls[0] >= 10 && calls[0] <= 11, "10000 back-edges, hook every 1000: " + calls[0]);
        calls[0] = 0;
        e = assertThrows(LuaError.class, () -> run(st, "local function f() return f() end f()"));
        assertEquals("timeout", e.getMessage(), "tail calls count too");
        st.instructionHook(0, null);
        run(st, "for i = 1, 100000 do end");
        assertEquals(50, calls[0], "no hook after removal");
    }

    @Test
    void stackOverflowInsideACoroutineIsReturnedByResume() {
        LuaState st = LuaRun.newState();
        st.maxCallDepth(100);
        Object[] r = run(st, "local co = coroutine.create(function() local function f() return 1 + f() end f() end)"
                + " return coroutine.resume(co)");
        assertEquals(Boolean.FALSE, r[0]);
        assertTrue(r[1].toString().endsWith("stack overflow"), r[1].toString());
    }
}
