package io.redisinternals.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Coroutines run on threads of their own: one abandoned while suspended must not leave its thread
 * parked for ever. The host ends them ({@link LuaState#closeCoroutines}, EVAL after each run); one
 * that merely becomes unreachable is ended by a Cleaner at the host's next call.
 */
class CoroutineThreadsTest {

    private static Object[] run(LuaState st, String code) {
        return st.call(st.load(LuaString.of(code), "=test"));
    }

    private static final String ABANDON_1000 = """
            local n = 0
            for i = 1, 1000 do
              local co = coroutine.create(function(a) local b = coroutine.yield(a + 1) return b end)
              local ok, v = coroutine.resume(co, i)
              n = n + v
            end
            return n
            """;

    @Test
    void aThousandAbandonedCoroutinesLeaveNoThreadsOnceClosed() {
        java.util.Set<Thread> before = liveCoroutineThreads();
        LuaState st = LuaRun.newState();
        assertEquals(500500.0 + 1000, run(st, ABANDON_1000)[0]);
        java.util.Set<Thread> mine = liveCoroutineThreads();
        mine.removeAll(before);
        assertTrue(mine.size() >= 1000, "each suspended coroutine parks a thread");
        st.closeCoroutines();
        assertEquals(0, mine.stream().filter(Thread::isAlive).count());
        // the state is intact: new coroutines run, finished ones leave nothing behind
        assertEquals(9.0, run(st, "local co = coroutine.wrap(function(x) coroutine.yield(x) return x * 2 end)"
                + " return co(3) + co(2)")[0]);
        java.util.Set<Thread> after = liveCoroutineThreads();
        after.removeAll(before);
        assertEquals(java.util.Set.of(), after);
    }

    @Test
    void aClosedCoroutineReadsAsDead() {
        LuaState st = LuaRun.newState();
        LuaTable g = st.globals();
        run(st, "co = coroutine.create(function() coroutine.yield(1) end) coroutine.resume(co)");
        assertEquals("suspended", run(st, "return coroutine.status(co)")[0].toString());
        st.closeCoroutines();
        Object[] r = run(st, "return coroutine.status(co), coroutine.resume(co)");
        assertEquals("dead", r[0].toString());
        assertEquals(Boolean.FALSE, r[1]);
        assertEquals("cannot resume dead coroutine", r[2].toString());
        assertTrue(g.rawget(LuaString.of("co")) instanceof Coroutine);
    }

    @Test
    void closingUnwindsOnlyTheCoroutineNotTheCallerOrItsHandlers() {
        LuaState st = LuaRun.newState();
        // suspended deep inside nested Lua calls, with a pcall below the yield's frames
        run(st, """
                local function deep(n) if n == 0 then return coroutine.yield('in') end return deep(n - 1) end
                co = coroutine.create(function() return deep(100) end)
                assert(coroutine.resume(co))
                """);
        st.closeCoroutines();
        Object[] r = run(st, "local ok, e = pcall(error, 'x') return ok, e, debug.traceback('t')");
        assertEquals(Boolean.FALSE, r[0]);
        assertEquals("x", r[1].toString());
        assertEquals("t\nstack traceback:\n\ttest:1: in main chunk\n\t[C]: ?", r[2].toString());
        assertEquals(3.0, run(st, "return select('#', 1, 2, 3)")[0]);
    }

    @Test
    void unreachableCoroutinesAreEndedAtTheHostsNextCall() throws InterruptedException {
        // this test's own threads: other tests' states may end theirs meanwhile (a CI failure
        // when the count of every coroutine thread was compared)
        java.util.Set<Thread> before = liveCoroutineThreads();
        LuaState st = LuaRun.newState();
        run(st, ABANDON_1000);
        java.util.Set<Thread> mine = liveCoroutineThreads();
        mine.removeAll(before);
        assertTrue(mine.size() >= 1000, mine.size() + " new coroutine threads");
        // nothing refers to the handles now: a collection lets the Cleaner queue them, and the next
        // call from the host closes what it queued (a liveness wait, not a timing assertion)
        for (int i = 0; i < 200 && mine.stream().anyMatch(Thread::isAlive); i++) {
            System.gc();
            Thread.sleep(20);
            run(st, "return 1");
        }
        assertEquals(0, mine.stream().filter(Thread::isAlive).count());
    }

    private static java.util.Set<Thread> liveCoroutineThreads() {
        java.util.Set<Thread> live = new java.util.HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("lua-coroutine") && t.isAlive()) {
                live.add(t);
            }
        }
        return live;
    }

    @Test
    void deepRecursionInsideACoroutineIsLuasStackOverflow() {
        LuaState st = LuaRun.newState();
        Object[] r = run(st, "local co = coroutine.create(function() local function f(n) return 1 + f(n + 1) end"
                + " return f(1) end) return coroutine.resume(co)");
        assertEquals(Boolean.FALSE, r[0]);
        assertTrue(r[1].toString().endsWith("stack overflow"), r[1].toString());
        st.closeCoroutines();
    }
}
