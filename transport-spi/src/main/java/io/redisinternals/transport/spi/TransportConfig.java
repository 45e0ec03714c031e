package io.redisinternals.transport.spi;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a transport needs to listen: addresses, port, backlog, and its own settings.
 *
 * @param bindAddresses addresses to listen on (Redis's {@code bind}); never empty
 * @param port          TCP port; 0 asks the OS for a free port (see {@link Transport#localAddresses()})
 * @param backlog       accept backlog (Redis's {@code tcp-backlog})
 * @param settings      transport-specific settings by lower-case name (e.g. {@code io-threads});
 *                      a transport ignores names it does not know
 */
public record TransportConfig(List<InetAddress> bindAddresses, int port, int backlog, Map<String, String> settings) {

    public TransportConfig {
        bindAddresses = List.copyOf(bindAddresses);
        if (bindAddresses.isEmpty()) {
            throw new IllegalArgumentException("at least one bind address is required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        settings = Map.copyOf(settings);
    }

    /**
     * The bind addresses for a transport whose IPv6 sockets are dual-stack (java.nio cannot set
     * IPV6_V6ONLY): the IPv4 wildcard is left out when the IPv6 wildcard is also asked for, because
     * that socket already accepts IPv4 and binding both on one port would fail. A transport that
     * makes its IPv6 sockets IPv6-only (as redis-server does) binds {@link #bindAddresses()} as is.
     */
    public List<InetAddress> dualStackBindAddresses() {
        boolean any6 = bindAddresses.stream().anyMatch(a -> a instanceof java.net.Inet6Address && a.isAnyLocalAddress());
        if (!any6) {
            return bindAddresses;
        }
        return bindAddresses.stream()
                .filter(a -> !(a instanceof java.net.Inet4Address && a.isAnyLocalAddress()))
                .toList();
    }

    public Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name));
    }
}
