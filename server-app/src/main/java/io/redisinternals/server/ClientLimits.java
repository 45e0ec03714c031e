package io.redisinternals.server;

import io.redisinternals.keyspace.Config;

/**
 * The per-client input limits every connection checks on each read, kept current by CONFIG SET
 * (Redis applies a new proto-max-bulk-len or client-query-buffer-limit to clients already
 * connected). Volatile fields: written by the thread running CONFIG SET, read by every
 * connection's thread without taking the engine lock.
 */
final class ClientLimits {

    private volatile long maxBulkLength;
    private volatile long queryBufferLimit;

    ClientLimits(Config config) {
        maxBulkLength = config.longValue("proto-max-bulk-len");
        queryBufferLimit = config.longValue("client-query-buffer-limit");
        config.onChange("proto-max-bulk-len", v -> maxBulkLength = Long.parseLong(v));
        config.onChange("client-query-buffer-limit", v -> queryBufferLimit = Long.parseLong(v));
    }

    long maxBulkLength() {
        return maxBulkLength;
    }

    long queryBufferLimit() {
        return queryBufferLimit;
    }
}
