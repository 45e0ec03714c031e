package io.redisinternals.scripting;

import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.spi.CommandProvider;
import io.redisinternals.command.spi.FunctionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lua scripting as a command set: EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT LOAD / EXISTS /
 * FLUSH / KILL / HELP, over one {@link ScriptEngine} per engine boot (commands() is called once);
 * FUNCTION and FCALL / FCALL_RO over a {@link FunctionEngine}, a Lua universe of their own, as in
 * Redis. SCRIPT DEBUG answers as Redis's without a debugger (see {@link ScriptCommand}).
 */
public final class ScriptingCommands implements CommandProvider {

    private ScriptEngine eval;
    private FunctionEngine functionEngine;

    @Override
    public List<CommandSpec> commands() {
        RedisRandom random = new RedisRandom(); // one generator for EVAL and functions, as Redis's
        ScriptEngine engine = new ScriptEngine(random);
        eval = engine;
        List<CommandSpec> all = new ArrayList<>(new EvalCommands(engine).specs());
        all.add(new ScriptCommand(engine).spec());
        FunctionEngine functions = new FunctionEngine(random);
        functionEngine = functions;
        all.addAll(new FcallCommands(functions).specs());
        all.add(new FunctionCommand(functions).container().build());
        return all;
    }

    /** The function libraries as persistence saves and loads them (RDB_OPCODE_FUNCTION2). */
    @Override
    public FunctionStore functionStore() {
        FunctionEngine functions = functionEngine;
        return new FunctionStore() {
            @Override
            public List<byte[]> codes() {
                List<byte[]> codes = new ArrayList<>();
                for (FunctionLibraries.Library lib : functions.libraries().libraries()) {
                    codes.add(lib.code());
                }
                return codes;
            }

            @Override
            public String load(byte[] code, boolean replace) {
                try {
                    functions.create(code, functions.libraries(), replace, 0);
                    return null;
                } catch (ScriptException e) {
                    return e.getMessage();
                }
            }

            @Override
            public void flush() {
                functions.libraries().clear();
            }
        };
    }

    /**
     * INFO memory's scripting fields. Counts are exact. Memory is our approximation: a universe's
     * figure is its interpreter's memory counter (what it charged to its budget since it was
     * built: it grows, nothing is credited back, SCRIPT FLUSH starts EVAL's anew); the caches'
     * figure is the bytes we hold for them (each cached script's SHA and body; each library's
     * name, code and its functions' names and descriptions), without the maps' own overhead.
     */
    @Override
    public Map<String, Long> info() {
        if (eval == null) {
            return Map.of();
        }
        FunctionLibraries libs = functionEngine.libraries();
        return Map.of("used_memory_vm_eval", eval.vmMemory(),
                "used_memory_scripts_eval", eval.cache().memory(),
                "number_of_cached_scripts", (long) eval.cache().size(),
                "number_of_functions", (long) libs.functionCount(),
                "number_of_libraries", (long) libs.libraryCount(),
                "used_memory_vm_functions", functionEngine.vmMemory(),
                "used_memory_functions", libs.memory());
    }
}
