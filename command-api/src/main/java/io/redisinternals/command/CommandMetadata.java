package io.redisinternals.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command metadata of redis-server {@value #REDIS_VERSION} (arity, flags, ACL categories, tips,
 * key specs and COMMAND DOCS of every command and subcommand), captured from the reference server
 * by {@code tools/CaptureCommandMetadata.java} into the resource {@value #RESOURCE} and never typed
 * by hand. A command set binds its functions to names:
 *
 * <pre>{@code
 * CommandMetadata.bind("get", StringCommands::get)
 * CommandMetadata.builder("set").keyFlags(StringCommands::setKeyFlags).function(StringCommands::set).build()
 * CommandMetadata.container("client")
 *         .subcommand(CommandMetadata.bind("client|id", ClientCommand::id))
 *         .build()
 * }</pre>
 *
 * A name the reference does not have is an {@link IllegalArgumentException}, thrown while the
 * command set builds its specs, that is at startup. The resource is read once, on first use.
 */
public final class CommandMetadata {

    /** The Redis version the metadata was captured from. */
    public static final String REDIS_VERSION = "7.0.15";
    /** The resource, in this class's package. */
    public static final String RESOURCE = "redis-" + REDIS_VERSION + "-commands.txt";

    private CommandMetadata() {
    }

    /** Holder idiom: the resource is parsed on first use, once, with the JVM's class-init locking. */
    private static final class Loaded {
        static final Map<String, CommandMetadataParser.Entry> ENTRIES = load();

        private static Map<String, CommandMetadataParser.Entry> load() {
            try (InputStream in = CommandMetadata.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " missing from module "
                            + CommandMetadata.class.getModule().getName());
                }
                return CommandMetadataParser.parse(RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + RESOURCE, e);
            }
        }
    }

    /** The spec of {@code name} ("get", or "client|id" for a subcommand) running {@code function}. */
    public static CommandSpec bind(String name, CommandFunction function) {
        return builder(name).function(function).build();
    }

    /**
     * A builder prefilled with {@code name}'s metadata, for a binding that adds what the metadata
     * cannot hold ({@link CommandSpec.Builder#keyFlags}, {@link CommandSpec.Builder#keyFinder}) before
     * its {@link CommandSpec.Builder#function function}.
     */
    public static CommandSpec.Builder builder(String name) {
        CommandMetadataParser.Entry e = entry(name);
        int bar = e.name().indexOf('|');
        CommandSpec.Builder b = CommandSpec.builder(bar < 0 ? e.name() : e.name().substring(bar + 1))
                .arity(e.arity())
                .flags(e.flags().toArray(CommandFlag[]::new))
                .acl(e.aclCategories().toArray(String[]::new))
                .tips(e.tips().toArray(String[]::new))
                .group(e.group());
        for (KeySpec k : e.keySpecs()) {
            b.key(k);
        }
        CommandDocs d = e.docs();
        b.summary(d.summary()).since(d.since()).complexity(d.complexity())
                .docFlags(d.docFlags().toArray(String[]::new));
        for (CommandDocs.History h : d.history()) {
            b.history(h.version(), h.change());
        }
        for (CommandDocs.Arg a : d.arguments()) {
            b.arg(a);
        }
        if (d.deprecatedSince() != null || d.replacedBy() != null) {
            b.deprecated(d.deprecatedSince(), d.replacedBy());
        }
        return b;
    }

    /** A builder for container {@code name} (CLIENT, COMMAND, CONFIG): add its subcommands, then build. */
    public static CommandSpec.Builder container(String name) {
        if (subcommands(name).isEmpty()) {
            throw new IllegalArgumentException(name + " has no subcommands in redis-server " + REDIS_VERSION);
        }
        return builder(name);
    }

    /** Whether redis-server {@value #REDIS_VERSION} has {@code name} ("get", "client|id"). */
    public static boolean exists(String name) {
        return Loaded.ENTRIES.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** Every name of redis-server {@value #REDIS_VERSION}, subcommands as "client|id", in resource order. */
    public static List<String> names() {
        return List.copyOf(Loaded.ENTRIES.keySet());
    }

    /** The full names of {@code container}'s subcommands ("client|id", ...), in resource order. */
    public static List<String> subcommands(String container) {
        String prefix = container.toLowerCase(Locale.ROOT) + "|";
        return Loaded.ENTRIES.keySet().stream().filter(n -> n.startsWith(prefix)).toList();
    }

    /**
     * COMMAND INFO's legacy (first key, last key, step) of {@code name} as the reference reports it;
     * the engine derives it from the key specs, this is the captured value to hold that against.
     */
    public static int[] legacyKeyRange(String name) {
        return entry(name).legacyKeys().clone();
    }

    private static CommandMetadataParser.Entry entry(String name) {
        CommandMetadataParser.Entry e = Loaded.ENTRIES.get(name.toLowerCase(Locale.ROOT));
        if (e == null) {
            throw new IllegalArgumentException("redis-server " + REDIS_VERSION + " has no command " + name);
        }
        return e;
    }
}
