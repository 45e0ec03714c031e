package io.redisinternals.transport.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * Result of a transport's availability probe.
 *
 * @param available whether the transport can be created here
 * @param cause     why not (or, for an available transport running a fallback backend, why the
 *                  preferred backend was not used); {@code null} when there is nothing to report
 */
public record Availability(boolean available, Throwable cause) {

    private static final Availability AVAILABLE = new Availability(true, null);

    public static Availability ofAvailable() {
        return AVAILABLE;
    }

    public static Availability unavailable(Throwable cause) {
        return new Availability(false, Objects.requireNonNull(cause, "cause"));
    }

    public Optional<Throwable> unavailabilityCause() {
        return Optional.ofNullable(cause);
    }
}
