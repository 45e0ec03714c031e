package io.redisinternals.command;

import io.redisinternals.resp.Argv;

/**
 * The implementation of a command: a thin function over the keyspace. The dispatcher has already
 * checked existence, arity, authentication and (later) ACL, MULTI queueing and OOM; the function
 * never re-checks them. It writes exactly one reply to {@link CommandContext#reply()}.
 *
 * <p>Runs on the thread that read the request, holding the engine's execution lock: commands of
 * all connections are serial and each is atomic.
 */
@FunctionalInterface
public interface CommandFunction {
    void execute(CommandContext ctx, Argv argv);
}
