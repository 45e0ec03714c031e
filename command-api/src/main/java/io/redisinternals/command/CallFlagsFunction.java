package io.redisinternals.command;

import io.redisinternals.resp.Argv;
import java.util.Set;

/**
 * For a command whose flags depend on the call (Redis's getCommandFlags: EVAL and EVALSHA of a
 * script with a shebang take write and denyoom from its flags): the flags the dispatcher checks
 * for this call. COMMAND INFO keeps showing the declared flags.
 */
@FunctionalInterface
public interface CallFlagsFunction {

    /**
     * @param declared the command's declared flags
     * @param argv     the request (the command's name first)
     * @return the flags of this call (the declared set itself when nothing changes)
     */
    Set<CommandFlag> flags(Set<CommandFlag> declared, Argv argv);
}
