/**
 * The epoll transport: a single-threaded (per loop) event loop over Linux epoll through a thin JNI
 * layer, with a java.nio Selector backend where the native library cannot load. A plugin: it
 * exports nothing and only provides a {@link io.redisinternals.transport.spi.TransportProvider}.
 */
module io.redisinternals.transport.epoll {
    requires io.redisinternals.transport.spi;
    provides io.redisinternals.transport.spi.TransportProvider
        with io.redisinternals.transport.epoll.EpollTransportProvider;
}
