package io.redisinternals.transport.spi;

/**
 * Entry point of a transport plugin, found with {@link java.util.ServiceLoader}.
 *
 * <p>Lifecycle contract: constructing a provider (which {@code ServiceLoader} does for every
 * provider on the module path, used or not) must be cheap: no I/O, no native library loading, no
 * threads. {@link #availability()} may probe the platform (and may load native code), lazily,
 * once; the result, including the cause of a failure, is kept. Only {@link Transport#start()}
 * binds sockets and starts threads.
 *
 * <p>Resolution order used by the server: the {@code transport} setting (config file or
 * {@code --transport NAME}) names a provider explicitly; otherwise the available provider with the
 * highest {@link #priority()} wins.
 */
public interface TransportProvider {

    /** Stable, lower-case name used by {@code --transport} and reported by INFO ({@code transport:}). */
    String name();

    /** Higher wins when no transport is named explicitly. The blocking transport uses 10. */
    int priority();

    /**
     * Whether this transport can run here. Probed lazily on first call and cached; never throws.
     * The returned value carries the cause when unavailable.
     */
    Availability availability();

    /**
     * The settings this transport understands. Called before the configuration is read, for every
     * provider found, so the directives are known whichever transport is chosen. Cheap, like the
     * constructor.
     */
    default java.util.List<TransportSetting> settings() {
        return java.util.List.of();
    }

    /**
     * Creates a transport that is not yet started. Does not bind or start threads.
     *
     * @param config  listen addresses and transport settings
     * @param handlers called once per accepted connection, on the connection's owner thread
     * @throws IllegalArgumentException if a transport-specific setting is invalid
     */
    Transport create(TransportConfig config, ConnectionAcceptor handlers);
}
