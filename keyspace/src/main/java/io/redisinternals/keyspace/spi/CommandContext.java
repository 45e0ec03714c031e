package io.redisinternals.keyspace.spi;

/** TODO */
public interface CommandContext {
    io.redisinternals.resp.ReplyWriter reply();
}
