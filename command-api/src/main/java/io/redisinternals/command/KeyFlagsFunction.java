package io.redisinternals.command;

import io.redisinternals.resp.Argv;

/**
 * For a command whose key spec has the {@code variable_flags} flag (SET: OW without GET, RW with
 * it): the flags one particular call gives a key, as Redis's getkeys_proc computes them for
 * COMMAND GETKEYSANDFLAGS and ACL checks.
 */
@FunctionalInterface
public interface KeyFlagsFunction {

    /**
     * @param argv      the arguments holding the call
     * @param nameIndex position of the command's name in {@code argv} (0 for a request, 2 inside COMMAND GETKEYSANDFLAGS)
     * @param spec      the key spec the key was found by
     * @return the key's flags, in any order and case (printed as {@link KeySpec} flags are)
     */
    java.util.Set<String> flags(Argv argv, int nameIndex, KeySpec spec);
}
