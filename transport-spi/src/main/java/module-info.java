/**
 * The contract between the server and its network transports. Transports are plugins found with
 * {@link java.util.ServiceLoader}; they see bytes and connections only, never RESP or the keyspace.
 */
module io.redisinternals.transport.spi {
    exports io.redisinternals.transport.spi;
}
