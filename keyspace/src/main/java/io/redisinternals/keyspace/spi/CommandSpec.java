package io.redisinternals.keyspace.spi;

/** TODO: command metadata. */
public record CommandSpec(String name, int arity, CommandFunction function) {
}
