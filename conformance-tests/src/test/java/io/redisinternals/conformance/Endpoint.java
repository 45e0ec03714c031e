package io.redisinternals.conformance;

/**
 * A running server the tests can talk to.
 *
 * @param name display name: {@code reference} or the server configuration name
 * @param host address to connect to
 * @param port TCP port
 */
public record Endpoint(String name, String host, int port) {

    public RawConnection connect() {
        return new RawConnection(this);
    }

    @Override
    public String toString() {
        return name + "@" + host + ":" + port;
    }
}
