package io.redisinternals.transport.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The sockaddr scratch format on the Java side (its C side is exercised by every listen/accept in
 * EpollPollerTest): what Java writes, Java reads back, at the offsets epoll_native.c uses.
 */
class NativeSockaddrTest {

    private final ByteBuffer scratch = ByteBuffer.allocateDirect(32).order(ByteOrder.nativeOrder());

    private InetSocketAddress roundTrip(InetSocketAddress address) throws IOException {
        Native.writeSockaddr(scratch, address);
        return Native.readSockaddr(scratch);
    }

    @Test
    void ipv4() throws IOException {
        InetSocketAddress a = new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 6379);
        assertEquals(a, roundTrip(a));
        assertEquals(4, scratch.getInt(Native.SA_FAMILY));
        assertEquals(6379, scratch.getInt(Native.SA_PORT));
        assertEquals(10, scratch.get(Native.SA_ADDR));
        assertEquals(3, scratch.get(Native.SA_ADDR + 3));
        assertEquals(0, scratch.get(Native.SA_ADDR + 4), "unused address bytes are zeroed");
    }

    @Test
    void ipv6WithAndWithoutScope() throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getByName("::1"), 65535);
        assertEquals(loopback, roundTrip(loopback));
        assertEquals(6, scratch.getInt(Native.SA_FAMILY));
        byte[] linkLocal = InetAddress.getByName("fe80::1").getAddress();
        InetSocketAddress scoped = new InetSocketAddress(Inet6Address.getByAddress(null, linkLocal, 7), 1);
        InetSocketAddress back = roundTrip(scoped);
        assertEquals(7, ((Inet6Address) back.getAddress()).getScopeId());
        assertEquals(scoped, back);
    }

    @Test
    void ipv4MappedComesBackAsIpv4LikeTheJdk() {
        scratch.putInt(Native.SA_FAMILY, 6).putInt(Native.SA_PORT, 80).putInt(Native.SA_SCOPE, 0);
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        scratch.put(Native.SA_ADDR, mapped);
        InetSocketAddress a = Native.readSockaddr(scratch);
        assertInstanceOf(Inet4Address.class, a.getAddress());
        assertEquals("127.0.0.1", a.getAddress().getHostAddress());
    }

    @Test
    void unknownFamilyIsNullAndUnresolvedIsRefused() {
        scratch.putInt(Native.SA_FAMILY, 0);
        assertNull(Native.readSockaddr(scratch));
        assertThrows(IOException.class, () -> Native.writeSockaddr(scratch, InetSocketAddress.createUnresolved("redis.invalid", 1)));
    }
}
