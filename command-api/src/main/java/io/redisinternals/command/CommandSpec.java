package io.redisinternals.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import io.redisinternals.resp.Argv;

/**
 * Everything the engine knows of a command: the single source for dispatch checks, COMMAND,
 * COMMAND INFO/COUNT/DOCS/LIST and (later) ACL. Shaped like redis-server 7.0's command table.
 *
 * @param name          lower-case name ("get"); for a subcommand just the subcommand ("getname")
 * @param arity         Redis convention: counts the name (for a subcommand: container + subcommand),
 *                      negative = at least |arity|
 * @param flags         command flags
 * @param aclCategories ACL categories without '@' ("read", "string", "fast"), in Redis's order
 * @param tips          command tips as COMMAND INFO prints them ("nondeterministic_output", ...)
 * @param keySpecs      where the keys are
 * @param group         COMMAND DOCS group
 * @param docs          COMMAND DOCS text
 * @param subcommands   for container commands (CLIENT, COMMAND, CONFIG): their subcommands
 * @param function      the implementation; null for a container (the dispatcher routes to a subcommand)
 * @param keyFlags      for a command whose key specs have {@code variable_flags}: the flags of a given
 *                      call; null when the key specs' flags are always the answer
 * @param callFlags     for a command whose flags depend on the call (EVAL of a script with a shebang):
 *                      the flags the dispatcher checks; null when {@code flags} are always the answer
 */
public record CommandSpec(String name, int arity, Set<CommandFlag> flags, List<String> aclCategories,
                          List<String> tips, List<KeySpec> keySpecs, CommandGroup group, CommandDocs docs,
                          List<CommandSpec> subcommands, CommandFunction function, KeyFlagsFunction keyFlags,
                          CallFlagsFunction callFlags) {

    public CommandSpec {
        Objects.requireNonNull(name, "name");
        if (!name.equals(name.toLowerCase(Locale.ROOT)) || name.isEmpty()) {
            throw new IllegalArgumentException("command names are lower case: " + name);
        }
        if (arity == 0) {
            throw new IllegalArgumentException("arity 0 for " + name);
        }
        flags = flags.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(CommandFlag.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(flags));
        aclCategories = List.copyOf(aclCategories);
        tips = List.copyOf(tips);
        keySpecs = List.copyOf(keySpecs);
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(docs, "docs");
        subcommands = List.copyOf(subcommands);
        if (function == null && subcommands.isEmpty()) {
            throw new IllegalArgumentException(name + " has neither a function nor subcommands");
        }
    }

    public boolean has(CommandFlag flag) {
        return flags.contains(flag);
    }

    /**
     * The flags of the call in {@code argv}, as the dispatcher checks them (Redis's
     * getCommandFlags): the declared flags unless the command computes them per call.
     */
    public Set<CommandFlag> flagsOf(Argv argv) {
        return callFlags == null ? flags : callFlags.flags(flags, argv);
    }

    public boolean isContainer() {
        return !subcommands.isEmpty();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Fluent construction, so a command's metadata reads as one declaration next to its function. */
    public static final class Builder {
        private final String name;
        private int arity;
        private final Set<CommandFlag> flags = EnumSet.noneOf(CommandFlag.class);
        private final List<String> acl = new ArrayList<>();
        private final List<String> tips = new ArrayList<>();
        private final List<KeySpec> keySpecs = new ArrayList<>();
        private CommandGroup group;
        private String summary = "";
        private String since = "";
        private String complexity = "";
        private final List<CommandDocs.Arg> arguments = new ArrayList<>();
        private final Set<String> docFlags = new LinkedHashSet<>();
        private final List<CommandDocs.History> history = new ArrayList<>();
        private final List<CommandSpec> subcommands = new ArrayList<>();
        private CommandFunction function;
        private KeyFlagsFunction keyFlags;
        private CallFlagsFunction callFlags;
        private String deprecatedSince;
        private String replacedBy;

        private Builder(String name) {
            this.name = name.toLowerCase(Locale.ROOT);
        }

        public Builder arity(int arity) { this.arity = arity; return this; }
        public Builder flags(CommandFlag... f) { flags.addAll(List.of(f)); return this; }
        /** ACL categories without the '@'. */
        public Builder acl(String... categories) { acl.addAll(List.of(categories)); return this; }
        public Builder tips(String... t) { tips.addAll(List.of(t)); return this; }
        public Builder key(KeySpec spec) { keySpecs.add(spec); return this; }
        /** Gives key spec {@code index} (0-based) a finder: Redis's getkeys_proc for an unknown spec. */
        public Builder keyFinder(int index, KeySpec.KeyFinder f) {
            keySpecs.set(index, keySpecs.get(index).finder(f));
            return this;
        }
        public Builder group(CommandGroup g) { this.group = g; return this; }
        public Builder summary(String s) { this.summary = s; return this; }
        public Builder since(String s) { this.since = s; return this; }
        public Builder complexity(String c) { this.complexity = c; return this; }
        public Builder arg(CommandDocs.Arg a) { arguments.add(a); return this; }
        public Builder docFlags(String... f) { docFlags.addAll(List.of(f)); return this; }
        public Builder history(String version, String text) { history.add(new CommandDocs.History(version, text)); return this; }
        public Builder subcommand(CommandSpec s) { subcommands.add(s); return this; }
        public Builder function(CommandFunction f) { this.function = f; return this; }
        /** For key specs with {@code variable_flags}: computes a call's actual key flags. */
        public Builder keyFlags(KeyFlagsFunction f) { this.keyFlags = f; return this; }
        /** For a command whose flags depend on the call: computes them for the dispatcher. */
        public Builder callFlags(CallFlagsFunction f) { this.callFlags = f; return this; }
        /** For deprecated commands: COMMAND DOCS deprecated_since and replaced_by. */
        public Builder deprecated(String since, String replacement) {
            this.deprecatedSince = since;
            this.replacedBy = replacement;
            return this;
        }

        public CommandSpec build() {
            return new CommandSpec(name, arity, flags, acl, tips, keySpecs, group,
                    new CommandDocs(summary, since, complexity, List.copyOf(docFlags), history, arguments,
                            deprecatedSince, replacedBy),
                    subcommands, function, keyFlags, callFlags);
        }
    }
}
