/**
 * A transport with one virtual thread per connection and blocking socket I/O. A plugin: it exports
 * nothing and only provides a {@link io.redisinternals.transport.spi.TransportProvider}.
 */
module io.redisinternals.transport.blocking {
    requires io.redisinternals.transport.spi;
    provides io.redisinternals.transport.spi.TransportProvider
        with io.redisinternals.transport.blocking.BlockingTransportProvider;
}
