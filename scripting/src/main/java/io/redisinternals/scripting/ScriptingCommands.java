package io.redisinternals.scripting;

import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.spi.CommandProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * Lua scripting as a command set: EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT LOAD / EXISTS /
 * FLUSH / KILL / HELP, over one {@link ScriptEngine} per engine boot (commands() is called once).
 * Not registered yet, so neither advertised by COMMAND nor accepted: SCRIPT DEBUG, FUNCTION,
 * FCALL and FCALL_RO.
 */
public final class ScriptingCommands implements CommandProvider {

    @Override
    public List<CommandSpec> commands() {
        ScriptEngine engine = new ScriptEngine();
        List<CommandSpec> all = new ArrayList<>(new EvalCommands(engine).specs());
        all.add(new ScriptCommand(engine).spec());
        return all;
    }
}
