package io.redisinternals.engine;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Redis's protected commands and configs (CMD_PROTECTED, PROTECTED_CONFIG): DEBUG runs only if the
 * immutable setting {@code enable-debug-command} allows the client, as Redis's
 * allowProtectedAction. The dispatcher asks right after the arity check, where redis-server 7.0's
 * processCommand does, so a refused DEBUG is refused before authentication and before MULTI
 * queueing (inside MULTI the refusal makes EXEC abort).
 */
public final class ProtectedCommands {

    /** Redis's rejectCommandFormat text for DEBUG (7.0.15, server.c processCommand). */
    static final String DEBUG_NOT_ALLOWED = "ERR DEBUG command not allowed. If the enable-debug-command option is"
            + " set to \"local\", you can run it from a local connection, otherwise you need to set this option in"
            + " the configuration file, and then restart the server.";

    private ProtectedCommands() {
    }

    /** Whether {@code setting} (no, yes or local) lets {@code session} run a protected command. */
    public static boolean allowed(String setting, Session session) {
        return switch (setting) {
            case "yes" -> true;
            case "local" -> isLocal(session.channel().remoteAddress());
            default -> false;
        };
    }

    /**
     * Redis's islocalClient: the peer's address printed is exactly {@code 127.0.0.1} or {@code ::1}.
     * Not the rest of 127.0.0.0/8: a client bound to 127.0.0.2 is refused, as by redis-server (whose
     * IPv6 listeners are v6-only, so an IPv4 client is never seen as ::ffff:127.0.0.1). An unknown
     * peer is not local.
     */
    static boolean isLocal(InetSocketAddress peer) {
        InetAddress a = peer == null ? null : peer.getAddress();
        if (a instanceof Inet4Address) {
            byte[] b = a.getAddress();
            return b[0] == 127 && b[1] == 0 && b[2] == 0 && b[3] == 1;
        }
        return a instanceof Inet6Address && a.isLoopbackAddress(); // ::1 is IPv6's only loopback address
    }
}
