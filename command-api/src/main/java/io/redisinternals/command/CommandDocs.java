package io.redisinternals.command;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What COMMAND DOCS reports for a command, in redis-server 7.0's shape.
 *
 * @param summary         one-line description
 * @param since           first Redis version with the command ("1.0.0")
 * @param complexity      time complexity text ("" when Redis gives none: then the field is omitted)
 * @param docFlags        "deprecated", "syscmd" (Redis's doc_flags)
 * @param history         version/change pairs
 * @param arguments       the argument tree
 * @param deprecatedSince for deprecated commands the version that deprecated them, else null
 * @param replacedBy      for deprecated commands the replacement text, else null
 */
public record CommandDocs(String summary, String since, String complexity, List<String> docFlags,
                          List<History> history, List<Arg> arguments, String deprecatedSince, String replacedBy) {

    public CommandDocs {
        docFlags = List.copyOf(docFlags);
        history = List.copyOf(history);
        arguments = List.copyOf(arguments);
    }

    /** A command that is not deprecated. */
    public CommandDocs(String summary, String since, String complexity, List<String> docFlags,
                       List<History> history, List<Arg> arguments) {
        this(summary, since, complexity, docFlags, history, arguments, null, null);
    }

    public record History(String version, String change) {
    }

    /**
     * One argument of COMMAND DOCS. Build with {@link #of} and the fluent withers, e.g.
     * {@code Arg.of("condition", "oneof").optional().children(Arg.of("nx", "pure-token").token("NX"), ...)}.
     *
     * @param name            argument name
     * @param type            "string", "integer", "double", "key", "pattern", "unix-time", "pure-token", "oneof", "block"
     * @param keySpecIndex    for type key: index into the command's key specs, else -1
     * @param token           literal token preceding the value, or null
     * @param since           version the argument appeared, or null
     * @param flags           "optional", "multiple", "multiple_token" (printed in that order whatever the set's order)
     * @param children        for oneof/block
     * @param deprecatedSince version that deprecated the argument, or null
     */
    public record Arg(String name, String type, int keySpecIndex, String token, String since, Set<String> flags,
                      List<Arg> children, String deprecatedSince) {
        public Arg {
            flags = Set.copyOf(flags);
            children = List.copyOf(children);
        }

        public Arg(String name, String type, int keySpecIndex, String token, String since, Set<String> flags,
                   List<Arg> children) {
            this(name, type, keySpecIndex, token, since, flags, children, null);
        }

        public static Arg of(String name, String type) {
            return new Arg(name, type, -1, null, null, Set.of(), List.of(), null);
        }

        public Arg keySpec(int index) {
            return new Arg(name, type, index, token, since, flags, children, deprecatedSince);
        }

        public Arg token(String t) {
            return new Arg(name, type, keySpecIndex, t, since, flags, children, deprecatedSince);
        }

        public Arg since(String version) {
            return new Arg(name, type, keySpecIndex, token, version, flags, children, deprecatedSince);
        }

        public Arg deprecatedSince(String version) {
            return new Arg(name, type, keySpecIndex, token, since, flags, children, version);
        }

        public Arg optional() {
            return withFlag("optional");
        }

        public Arg multiple() {
            return withFlag("multiple");
        }

        public Arg multipleToken() {
            return withFlag("multiple_token");
        }

        public Arg children(Arg... args) {
            return new Arg(name, type, keySpecIndex, token, since, flags, List.of(args), deprecatedSince);
        }

        private Arg withFlag(String flag) {
            Set<String> f = new LinkedHashSet<>(flags);
            f.add(flag);
            return new Arg(name, type, keySpecIndex, token, since, f, new ArrayList<>(children), deprecatedSince);
        }
    }
}
