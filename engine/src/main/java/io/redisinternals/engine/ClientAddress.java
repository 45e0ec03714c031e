package io.redisinternals.engine;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Client addresses as Redis prints them (CLIENT LIST addr/laddr, MONITOR lines, log lines). */
public final class ClientAddress {

    private ClientAddress() {
    }

    /** "ip:port" as Redis's getClientPeerId ("[ipv6]:port", IPv6 compressed); "" without a channel. */
    public static String of(ClientChannel ch, boolean remote) {
        if (ch == null) {
            return "";
        }
        return of(remote ? ch.remoteAddress() : ch.localAddress());
    }

    /** {@code ip:port} of a socket address as Redis prints a peer; "" for none. */
    public static String of(InetSocketAddress a) {
        if (a == null) {
            return "";
        }
        InetAddress ip = a.getAddress();
        if (ip instanceof Inet6Address) {
            return "[" + compressIpv6(ip.getAddress()) + "]:" + a.getPort();
        }
        return (ip == null ? a.getHostString() : ip.getHostAddress()) + ":" + a.getPort();
    }

    /** inet_ntop's form: lower-case hex, the longest run (>= 2) of zero groups as "::". */
    public static String compressIpv6(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
