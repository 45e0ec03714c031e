package io.redisinternals.lua.interp;

import java.util.ArrayList;
import java.util.List;

/**
 * The compiler's view of one function being parsed: locals in scope (innermost last, each with
 * its frame slot), the upvalues it captures from enclosing functions, loop nesting for break.
 */
final class FuncState {
    static final int MAX_LOCALS = 200; // LUAI_MAXVARS
    static final int MAX_UPVALUES = 60; // LUAI_MAXUPVALUES

    final FuncState parent;
    final Proto proto;
    final List<LocalVar> active = new ArrayList<>();
    final List<LocalVar> params = new ArrayList<>();
    final List<String> upNames = new ArrayList<>();
    final List<Boolean> upFromLocal = new ArrayList<>();
    final List<Integer> upIndex = new ArrayList<>();
    int loops;
    /** Zero literals in order (see Parser.numberConstant). */
    final List<Exprs.Const> zeros = new ArrayList<>();

    FuncState(FuncState parent, Proto proto) {
        this.parent = parent;
        this.proto = proto;
    }

    LocalVar findLocal(String name) {
        for (int i = active.size() - 1; i >= 0; i--) {
            if (active.get(i).name.equals(name)) {
                return active.get(i);
            }
        }
        return null;
    }

    int findUpvalue(String name) {
        return upNames.indexOf(name);
    }

    /** The upvalue index of {@code name} in this function, resolving through enclosing ones; -1: global. */
    int resolveUpvalue(String name, Parser p) {
        int i = findUpvalue(name);
        if (i >= 0 || parent == null) {
            return i;
        }
        LocalVar v = parent.findLocal(name);
        if (v != null) {
            v.captured = true;
            return addUpvalue(name, true, v.slot, p);
        }
        int up = parent.resolveUpvalue(name, p);
        return up < 0 ? -1 : addUpvalue(name, false, up, p);
    }

    private int addUpvalue(String name, boolean fromLocal, int index, Parser p) {
        if (upNames.size() >= MAX_UPVALUES) {
            throw p.limitError(this, MAX_UPVALUES, "upvalues");
        }
        upNames.add(name);
        upFromLocal.add(fromLocal);
        upIndex.add(index);
        return upNames.size() - 1;
    }

    /** A new local in the next free slot; not yet in scope until {@link #activate}. */
    LocalVar newLocal(String name, int pending, Parser p) {
        return newLocal(name, pending, 0, p);
    }

    /** {@code hidden}: Lua's invisible for-loop control locals, counted against the limit only. */
    LocalVar newLocal(String name, int pending, int hidden, Parser p) {
        if (active.size() + pending + hidden + 1 > MAX_LOCALS) {
            throw p.limitError(this, MAX_LOCALS, "local variables");
        }
        LocalVar v = new LocalVar(name, active.size() + pending);
        proto.maxSlots = Math.max(proto.maxSlots, v.slot + 1);
        return v;
    }

    void activate(LocalVar v) {
        active.add(v);
    }

    void closeScope(int saved) {
        while (active.size() > saved) {
            active.remove(active.size() - 1);
        }
    }

    /** Every zero constant reads as the first one (0 and -0 share Lua's constant slot). */
    void settleZeros() {
        if (!zeros.isEmpty()) {
            Object first = zeros.get(0).value;
            for (Exprs.Const c : zeros) {
                c.value = first;
            }
        }
    }

    /** Fills the proto's upvalue and parameter tables once the body is parsed. */
    Proto finish() {
        settleZeros();
        int n = upNames.size();
        proto.upNames = upNames.toArray(new String[0]);
        proto.upFromLocal = new boolean[n];
        proto.upIndex = new int[n];
        for (int i = 0; i < n; i++) {
            proto.upFromLocal[i] = upFromLocal.get(i);
            proto.upIndex[i] = upIndex.get(i);
        }
        proto.numParams = params.size();
        proto.paramCaptured = new boolean[params.size()];
        for (int i = 0; i < params.size(); i++) {
            proto.paramCaptured[i] = params.get(i).captured;
        }
        return proto;
    }
}
