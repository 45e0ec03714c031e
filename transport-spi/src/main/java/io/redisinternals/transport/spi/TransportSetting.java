package io.redisinternals.transport.spi;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A setting a transport understands (e.g. {@code io-threads}), declared so the server accepts it
 * in the config file, on the command line ({@code --io-threads 2}) and in CONFIG GET, and passes
 * its value in {@link TransportConfig#settings()}. Transport settings are fixed at startup.
 *
 * @param name         lower-case name
 * @param defaultValue value when not configured, as CONFIG GET prints it
 * @param normalizer   validates a value and returns it as CONFIG GET should print it; throws
 *                     IllegalArgumentException with a reason text when the value is bad
 */
public record TransportSetting(String name, String defaultValue, UnaryOperator<String> normalizer) {

    public TransportSetting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(normalizer, "normalizer");
    }
}
