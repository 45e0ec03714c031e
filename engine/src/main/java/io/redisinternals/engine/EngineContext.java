package io.redisinternals.engine;

import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandFunction;
import io.redisinternals.resp.Argv;

/**
 * The context of the engine's own commands (CLIENT, CONFIG, INFO, COMMAND, MULTI/EXEC, AUTH...):
 * the narrow {@link CommandContext} plus the calling session and the engine. Command sets outside
 * the engine never see it; they are written against {@link CommandContext} alone.
 */
public interface EngineContext extends CommandContext {

    /** The calling client. */
    Session session();

    /** The engine: command table, config, clients, stats. */
    Engine engine();

    /** A command function of the engine's own. */
    @FunctionalInterface
    interface Function {
        void execute(EngineContext ctx, Argv argv);
    }

    /**
     * Binds an engine function as an ordinary command function. The engine runs every command
     * with its own context, so the cast cannot fail there; a command set that tried to run it
     * elsewhere fails loudly.
     */
    static CommandFunction bind(Function f) {
        return (ctx, argv) -> f.execute((EngineContext) ctx, argv);
    }
}
