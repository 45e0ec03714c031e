package io.redisinternals.command.spi;

import io.redisinternals.command.CommandSpec;
import java.util.List;

/**
 * A set of commands, found with {@link java.util.ServiceLoader} when the engine boots. The
 * built-in commands are ordinary providers. Two providers declaring the same command name fail
 * the boot with a message naming both.
 *
 * <p>Contract: construction is cheap (no I/O, no threads); {@link #commands()} is called once.
 */
public interface CommandProvider {

    /** Shown in errors (duplicate names); defaults to the class name. */
    default String name() {
        return getClass().getName();
    }

    /** The commands this provider contributes. */
    List<CommandSpec> commands();

    /**
     * Figures this command set reports in INFO, by field name (e.g. the scripting set's
     * {@code number_of_cached_scripts}); INFO adds them up across providers and prints them where
     * Redis prints those fields. Called under the execution lock, after {@link #commands()}.
     */
    default java.util.Map<String, Long> info() {
        return java.util.Map.of();
    }

    /** The function libraries this command set keeps, for persistence; null when it keeps none. */
    default FunctionStore functionStore() {
        return null;
    }
}
