package io.redisinternals.transport.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransportConfigTest {

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void dualStackDropsTheIpv4WildcardOnlyBesideTheIpv6One() throws Exception {
        TransportConfig both = new TransportConfig(List.of(ip("0.0.0.0"), ip("::")), 0, 511, Map.of());
        assertEquals(List.of(ip("::")), both.dualStackBindAddresses());
        assertEquals(List.of(ip("0.0.0.0"), ip("::")), both.bindAddresses());

        TransportConfig v4 = new TransportConfig(List.of(ip("0.0.0.0"), ip("::1")), 0, 511, Map.of());
        assertEquals(List.of(ip("0.0.0.0"), ip("::1")), v4.dualStackBindAddresses());
    }

    @Test
    void rejectsNoAddressAndBadPorts() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new TransportConfig(List.of(), 0, 511, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new TransportConfig(List.of(ip("127.0.0.1")), 65536, 511, Map.of()));
    }
}
