/**
 * Lua scripting, a command set like any plugin's: EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT
 * over the pure-Java Lua interpreter ({@code io.redisinternals.lua}), calling other commands through
 * the command API's {@link io.redisinternals.command.NestedCalls}. Exports nothing; found by
 * {@link java.util.ServiceLoader}.
 */
module io.redisinternals.scripting {
    requires io.redisinternals.command;
    requires io.redisinternals.lua;

    provides io.redisinternals.command.spi.CommandProvider
        with io.redisinternals.scripting.ScriptingCommands;
}
