package io.redisinternals.server;

import io.redisinternals.engine.config.Config;
import io.redisinternals.engine.config.ConfigException;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * maxclients against the process's open files limit, as Redis's adjustOpenFilesLimit: a client
 * takes a file descriptor and the server keeps {@value #RESERVED_FDS} for itself
 * (CONFIG_MIN_RESERVED_FDS). At startup a maxclients that does not fit is reduced to
 * {@code limit - 32} with Redis's three warnings; CONFIG SET of a maxclients that does not fit is
 * refused with Redis's "try with N" error. Java cannot raise the limit (setrlimit); the JVM already
 * raises its soft limit to the hard one at launch (-XX:+MaxFDLimit), so every raise Redis would
 * attempt fails as it does without privileges, with "Operation not permitted".
 *
 * <p>As in Redis, {@code maxclients + 32} is computed in 32 unsigned bits: 4294967295 asks for 31
 * descriptors and is accepted (the limit then never binds, the server keeps serving).
 */
final class OpenFilesLimit {

    private static final System.Logger LOG = System.getLogger("io.redisinternals.server");

    /** Redis's CONFIG_MIN_RESERVED_FDS. */
    static final long RESERVED_FDS = 32;

    private OpenFilesLimit() {
    }

    /** The soft open files limit of this process, or -1 when the platform does not say. */
    static long processLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    /**
     * Startup: reduces maxclients to fit {@code limit} (logging Redis's warnings), and makes CONFIG SET
     * maxclients refuse values that do not fit.
     *
     * @throws StartupException as Redis exits when the limit leaves no descriptor for a client
     */
    static void adjust(Config config, LongSupplier limit) throws StartupException {
        long maxclients = config.longValue("maxclients");
        Long reduced = fit(maxclients, limit.getAsLong());
        if (reduced != null) {
            if (reduced <= 0) {
                throw new StartupException("Your current 'ulimit -n' of " + limit.getAsLong() + " is not enough for the "
                        + "server to start. Please increase your open file limit to at least " + needed(maxclients)
                        + ". Exiting.");
            }
            try {
                config.applyStartup("maxclients", List.of(Long.toString(reduced)));
            } catch (ConfigException e) {
                throw new StartupException("cannot reduce maxclients: " + e.getMessage(), e);
            }
        }
        config.onRuntimeSet("maxclients", v -> {
            Long fits = fit(Long.parseLong(v), limit.getAsLong());
            if (fits != null) {
                LOG.log(Level.WARNING, "Failed applying new configuration. Possibly related to new maxclients setting. "
                        + "Restoring previous settings.");
                throw new IllegalArgumentException(
                        "The operating system is not able to handle the specified number of clients, try with " + fits);
            }
            return v;
        });
    }

    /**
     * Null when {@code maxclients} fits {@code limit}; otherwise logs Redis's warnings and returns
     * the maxclients that fits ({@code limit - 32}, 0 or less if none does).
     */
    private static Long fit(long maxclients, long limit) {
        long needed = needed(maxclients);
        if (limit < 0 || limit >= needed) {
            return null;
        }
        long reduced = limit - RESERVED_FDS;
        if (reduced > 0) {
            LOG.log(Level.WARNING, "You requested maxclients of " + maxclients + " requiring at least " + needed
                    + " max file descriptors.");
            LOG.log(Level.WARNING, "Server can't set maximum open files to " + needed
                    + " because of OS error: Operation not permitted.");
            LOG.log(Level.WARNING, "Current maximum open files is " + limit + ". maxclients has been reduced to "
                    + reduced + " to compensate for low ulimit. If you need higher maxclients increase 'ulimit -n'.");
        }
        return reduced;
    }

    /** maxclients + 32 in 32 unsigned bits, as Redis's unsigned int arithmetic. */
    private static long needed(long maxclients) {
        return (maxclients + RESERVED_FDS) & 0xffffffffL;
    }
}
