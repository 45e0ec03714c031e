package io.redisinternals.scripting;

import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.spi.CommandProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * Lua scripting as a command set: EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT LOAD / EXISTS /
 * FLUSH / KILL / HELP, over one {@link ScriptEngine} per engine boot (commands() is called once);
 * FUNCTION and FCALL / FCALL_RO over a {@link FunctionEngine}, a Lua universe of their own, as in
 * Redis. Not registered yet, so neither advertised by COMMAND nor accepted: SCRIPT DEBUG.
 */
public final class ScriptingCommands implements CommandProvider {

    @Override
    public List<CommandSpec> commands() {
        ScriptEngine engine = new ScriptEngine();
        List<CommandSpec> all = new ArrayList<>(new EvalCommands(engine).specs());
        all.add(new ScriptCommand(engine).spec());
        FunctionEngine functions = new FunctionEngine();
        all.addAll(new FcallCommands(functions).specs());
        all.add(new FunctionCommand(functions).container().build());
        return all;
    }
}
