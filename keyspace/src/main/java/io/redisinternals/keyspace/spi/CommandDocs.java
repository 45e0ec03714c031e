package io.redisinternals.keyspace.spi;

import java.util.List;
import java.util.Set;

/**
 * What COMMAND DOCS reports for a command, in redis-server 7.0's shape.
 *
 * @param summary    one-line description
 * @param since      first Redis version with the command ("1.0.0")
 * @param complexity time complexity text ("" when Redis gives none)
 * @param docFlags   "deprecated", "syscmd" (Redis's doc_flags)
 * @param history    version/change pairs
 * @param arguments  the argument tree
 */
public record CommandDocs(String summary, String since, String complexity, List<String> docFlags,
                          List<History> history, List<Arg> arguments) {

    public CommandDocs {
        docFlags = List.copyOf(docFlags);
        history = List.copyOf(history);
        arguments = List.copyOf(arguments);
    }

    public record History(String version, String change) {
    }

    /**
     * One argument of COMMAND DOCS.
     *
     * @param name        argument name
     * @param type        "string", "integer", "double", "key", "pattern", "unix-time", "pure-token", "oneof", "block"
     * @param keySpecIndex for type key: index into the command's key specs, else -1
     * @param token       literal token preceding the value, or null
     * @param since       version the argument appeared, or null
     * @param flags       "optional", "multiple", "multiple_token"
     * @param children    for oneof/block
     */
    public record Arg(String name, String type, int keySpecIndex, String token, String since, Set<String> flags,
                      List<Arg> children) {
        public Arg {
            flags = Set.copyOf(flags);
            children = List.copyOf(children);
        }
    }
}
