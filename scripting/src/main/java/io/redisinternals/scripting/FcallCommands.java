package io.redisinternals.scripting;

import io.redisinternals.command.CommandContext;
import io.redisinternals.command.CommandFlag;
import io.redisinternals.command.CommandMetadata;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Numbers;
import java.util.List;
import java.util.Set;

/**
 * FCALL and FCALL_RO (Redis's fcallCommandGeneric): the function found, numkeys checked, the
 * function's flags checked up front as a shebang's are for EVAL (a function always has flags: it
 * never runs in EVAL's compatibility mode), then the call. Like EVAL, the command itself is never
 * propagated, only the writes the function makes.
 */
final class FcallCommands {

    private final FunctionEngine engine;

    FcallCommands(FunctionEngine engine) {
        this.engine = engine;
    }

    List<CommandSpec> specs() {
        return List.of(
                CommandMetadata.builder("fcall").callFlags(this::callFlags)
                        .function((ctx, argv) -> fcall(ctx, argv, false)).build(),
                CommandMetadata.builder("fcall_ro").callFlags(this::callFlags)
                        .function((ctx, argv) -> fcall(ctx, argv, true)).build());
    }

    /** Redis's fcallGetCommandFlags: the function's flags replace the command's, as a shebang's. */
    private Set<CommandFlag> callFlags(Set<CommandFlag> declared, Argv argv) {
        FunctionLibraries.Function f = argv.count() < 2 ? null : engine.libraries().function(argv.string(1));
        if (f == null) {
            return declared;
        }
        return EvalCommands.scriptCommandFlags(declared, new Shebang(f.flags(), 0));
    }

    private void fcall(CommandContext ctx, Argv argv, boolean readOnlyCommand) {
        ctx.preventPropagation();
        try {
            FunctionLibraries.Function f = engine.libraries().function(argv.string(1));
            if (f == null) {
                throw new ScriptException("ERR Function not found");
            }
            long n;
            try {
                n = Numbers.parseStrictLong(argv.string(2));
            } catch (NumberFormatException e) {
                throw new ScriptException("ERR Bad number of keys provided");
            }
            if (n > argv.count() - 3) {
                throw new ScriptException(EvalCommands.TOO_MANY_KEYS);
            }
            if (n < 0) {
                throw new ScriptException(EvalCommands.NEGATIVE_KEYS);
            }
            int flags = EvalCommands.prepare(new Shebang(f.flags(), 0), readOnlyCommand, ctx.overMaxmemory());
            engine.call(ctx, f, argv, (int) n, flags);
        } catch (ScriptException e) {
            e.reply(ctx.reply());
        }
    }
}
