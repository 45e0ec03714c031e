package io.redisinternals.engine.commands;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.command.CommandReplies;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.engine.EngineContext;
import io.redisinternals.engine.PubSub;
import io.redisinternals.engine.Session;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ReplyWriter;

import java.util.List;

/**
 * The pub/sub group, as Redis's pubsub.c: (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PUBLISH, SPUBLISH and
 * PUBSUB's introspection. Subscriptions live in the client's {@link io.redisinternals.engine.Subscriptions},
 * delivery in {@link PubSub}. Without cluster mode, shard channels are a namespace of their own
 * that patterns never match.
 */
public final class PubSubCommands {

    private PubSubCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of(
            CommandMetadata.bind("subscribe", EngineContext.bind(PubSubCommands::subscribe)),
            CommandMetadata.bind("unsubscribe", EngineContext.bind(PubSubCommands::unsubscribe)),
            CommandMetadata.bind("psubscribe", EngineContext.bind(PubSubCommands::psubscribe)),
            CommandMetadata.bind("punsubscribe", EngineContext.bind(PubSubCommands::punsubscribe)),
            CommandMetadata.bind("ssubscribe", EngineContext.bind(PubSubCommands::ssubscribe)),
            CommandMetadata.bind("sunsubscribe", EngineContext.bind(PubSubCommands::sunsubscribe)),
            CommandMetadata.bind("publish", EngineContext.bind(PubSubCommands::publish)),
            CommandMetadata.bind("spublish", EngineContext.bind(PubSubCommands::spublish)),
            CommandMetadata.container("pubsub")
                .subcommand(CommandMetadata.bind("pubsub|channels", EngineContext.bind(PubSubCommands::channels)))
                .subcommand(CommandMetadata.bind("pubsub|numsub", EngineContext.bind(PubSubCommands::numsub)))
                .subcommand(CommandMetadata.bind("pubsub|numpat", EngineContext.bind(PubSubCommands::numpat)))
                .subcommand(CommandMetadata.bind("pubsub|shardchannels", EngineContext.bind(PubSubCommands::shardchannels)))
                .subcommand(CommandMetadata.bind("pubsub|shardnumsub", EngineContext.bind(PubSubCommands::shardnumsub)))
                .subcommand(CommandMetadata.bind("pubsub|help", EngineContext.bind(PubSubCommands::help)))
                .build()
        );
    }

    /**
     * Redis's CLIENT_DENY_BLOCKING for subscriptions: a client that expects one reply per command
     * cannot subscribe. Inside EXEC that is so, yet SUBSCRIBE and PSUBSCRIBE are let through there
     * for backward compatibility (as Redis); SSUBSCRIBE is not.
     */
    private static boolean denyBlocking(Session s) {
        return s.transaction() != null && s.transaction().executing();
    }

    static void subscribe(EngineContext ctx, Argv argv) {
        ctx.session().subscriptions().subscribe(argv, ctx.reply(), false);
    }

    static void unsubscribe(EngineContext ctx, Argv argv) {
        ctx.session().subscriptions().unsubscribe(argv, ctx.reply(), false);
    }

    static void psubscribe(EngineContext ctx, Argv argv) {
        ctx.session().subscriptions().psubscribe(argv, ctx.reply());
    }

    static void punsubscribe(EngineContext ctx, Argv argv) {
        ctx.session().subscriptions().punsubscribe(argv, ctx.reply());
    }

    static void ssubscribe(EngineContext ctx, Argv argv) {
        if (denyBlocking(ctx.session())) {
            ctx.reply().error("ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client");
            return;
        }
        ctx.session().subscriptions().subscribe(argv, ctx.reply(), true);
    }

    static void sunsubscribe(EngineContext ctx, Argv argv) {
        ctx.session().subscriptions().unsubscribe(argv, ctx.reply(), true);
    }

    /** PUBLISH channel message: the number of deliveries; always propagated (replicas' subscribers). */
    static void publish(EngineContext ctx, Argv argv) {
        publish(ctx, argv, false);
    }

    static void spublish(EngineContext ctx, Argv argv) {
        publish(ctx, argv, true);
    }

    private static void publish(EngineContext ctx, Argv argv, boolean shard) {
        int receivers = ctx.engine().pubSub().publish(argv, 1, shard);
        ServerCommands.forcePropagation(ctx, argv);
        ctx.reply().integer(receivers);
    }

    /** PUBSUB CHANNELS [pattern]. */
    static void channels(EngineContext ctx, Argv argv) {
        listChannels(ctx, argv, false);
    }

    static void shardchannels(EngineContext ctx, Argv argv) {
        listChannels(ctx, argv, true);
    }

    private static void listChannels(EngineContext ctx, Argv argv, boolean shard) {
        if (argv.count() > 3) {
            CommandReplies.subcommandSyntaxError(ctx.reply(), argv);
            return;
        }
        List<byte[]> names = ctx.engine().pubSub().channels(argv.count() == 3 ? argv.bytes(2) : null, shard);
        ReplyWriter out = ctx.reply();
        out.arrayHeader(names.size());
        for (byte[] n : names) {
            out.bulk(n);
        }
    }

    /** PUBSUB NUMSUB [channel ...]: name, subscriber count pairs (a flat array, even in RESP3, as Redis). */
    static void numsub(EngineContext ctx, Argv argv) {
        countSubscribers(ctx, argv, false);
    }

    static void shardnumsub(EngineContext ctx, Argv argv) {
        countSubscribers(ctx, argv, true);
    }

    private static void countSubscribers(EngineContext ctx, Argv argv, boolean shard) {
        ReplyWriter out = ctx.reply();
        PubSub pubSub = ctx.engine().pubSub();
        out.arrayHeader((argv.count() - 2) * 2L);
        for (int i = 2; i < argv.count(); i++) {
            out.bulk(argv, i).integer(pubSub.subscribers(argv.bytes(i), shard));
        }
    }

    static void numpat(EngineContext ctx, Argv argv) {
        if (argv.count() != 2) {
            CommandReplies.subcommandSyntaxError(ctx.reply(), argv);
            return;
        }
        ctx.reply().integer(ctx.engine().pubSub().patternCount());
    }

    static void help(EngineContext ctx, Argv argv) {
        if (argv.count() != 2) {
            CommandReplies.subcommandSyntaxError(ctx.reply(), argv);
            return;
        }
        CommandReplies.help(ctx.reply(),
                "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "CHANNELS [<pattern>]",
                "    Return the currently active channels matching a <pattern> (default: '*').",
                "NUMPAT",
                "    Return number of subscriptions to patterns.",
                "NUMSUB [<channel> ...]",
                "    Return the number of subscribers for the specified channels, excluding",
                "    pattern subscriptions(default: no channels).",
                "SHARDCHANNELS [<pattern>]",
                "    Return the currently active shard level channels matching a <pattern> (default: '*').",
                "SHARDNUMSUB [<shardchannel> ...]",
                "    Return the number of subscribers for the specified shard level channel(s)",
                "HELP",
                "    Prints this help.");
    }
}
