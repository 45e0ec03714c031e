package io.redisinternals.server;

import io.redisinternals.engine.config.Config;
import io.redisinternals.engine.config.OutputBufferLimits;

/**
 * The per-client input limits every connection checks on each read, kept current by CONFIG SET
 * (Redis applies a new proto-max-bulk-len or client-query-buffer-limit to clients already
 * connected). Volatile fields: written by the thread running CONFIG SET, read by every
 * connection's thread without taking the engine lock.
 */
final class ClientLimits {

    private volatile long maxBulkLength;
    /** The normal class of client-output-buffer-limit (replica class: no such clients yet). */
    private volatile OutputBufferLimits.Limit normalOutput;
    /** The pubsub class: clients subscribed to anything (default 32mb 8mb 60). */
    private volatile OutputBufferLimits.Limit pubsubOutput;
    private volatile long queryBufferLimit;

    ClientLimits(Config config) {
        maxBulkLength = config.longValue("proto-max-bulk-len");
        queryBufferLimit = config.longValue("client-query-buffer-limit");
        config.onChange("proto-max-bulk-len", v -> maxBulkLength = Long.parseLong(v));
        config.onChange("client-query-buffer-limit", v -> queryBufferLimit = Long.parseLong(v));
        outputLimits(config.get("client-output-buffer-limit"));
        config.onChange("client-output-buffer-limit", this::outputLimits);
    }

    private void outputLimits(String value) {
        OutputBufferLimits limits = OutputBufferLimits.parse(value);
        normalOutput = limits.normal();
        pubsubOutput = limits.pubsub();
    }

    OutputBufferLimits.Limit pubsubOutput() {
        return pubsubOutput;
    }

    long maxBulkLength() {
        return maxBulkLength;
    }

    OutputBufferLimits.Limit normalOutput() {
        return normalOutput;
    }

    /** Whether any output limit applies (Redis's default for normal clients is none: 0 0 0). */
    boolean outputLimited() {
        OutputBufferLimits.Limit l = normalOutput;
        return l.hardBytes() > 0 || l.softBytes() > 0;
    }

    long queryBufferLimit() {
        return queryBufferLimit;
    }
}
