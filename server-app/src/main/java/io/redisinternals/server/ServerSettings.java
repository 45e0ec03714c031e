package io.redisinternals.server;

import io.redisinternals.engine.config.Config;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import io.redisinternals.transport.spi.TransportProvider;
import io.redisinternals.transport.spi.TransportSetting;

/**
 * The settings the server process owns (listening, transport choice, process facts), registered in
 * the engine's {@link Config} so the config file, the command line and CONFIG GET/SET see them
 * next to the engine's own.
 */
final class ServerSettings {

    static final String PORT = "port";
    static final String BIND = "bind";
    static final String TRANSPORT = "transport";
    static final String TCP_BACKLOG = "tcp-backlog";
    static final String LOGLEVEL = "loglevel";
    static final String LOGFILE = "logfile";


    private ServerSettings() {
    }

    /**
     * Defines the settings every discovered transport declares (a name two transports share is
     * defined once, with the first declaration, highest priority first). Returns their names.
     */
    static Set<String> defineTransportSettings(Config config, List<TransportProvider> providers) {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (TransportProvider p : providers) {
            for (TransportSetting s : p.settings()) {
                if (names.add(s.name())) {
                    config.define(s.name(), s.defaultValue(), false, s.normalizer());
                }
            }
        }
        return names;
    }

    static void define(Config config) {
        config.define(PORT, "6379", false, Config.integer(0, 65535));
        // As redis-server with no config file: every IPv4 interface, and IPv6 when available
        // ("-" = skip silently if the address cannot be bound). Protected mode guards it.
        config.define(BIND, "* -::*", false, true, ServerSettings::bindList);
        config.define(TRANSPORT, "", false, v -> v.toLowerCase(Locale.ROOT));
        config.define(TCP_BACKLOG, "511", false, Config.integer(0, Integer.MAX_VALUE));
        config.define(LOGLEVEL, "notice", true, Config.oneOf("debug", "verbose", "notice", "warning", "nothing"));
        config.onChange(LOGLEVEL, RedisLogFinder::loglevel);
        config.define(LOGFILE, "", false, v -> v);
        config.kind(LOGFILE, Config.Kind.STRING);
        config.define("daemonize", "no", false, v -> {
            if (!v.equalsIgnoreCase("no")) {
                throw new IllegalArgumentException("argument must be 'no': run it under a supervisor instead");
            }
            return "no";
        });
        config.define("pidfile", "", false, v -> v);
        config.kind("pidfile", Config.Kind.NULLABLE_STRING);
    }

    /** The addresses to listen on. "*" is every IPv4 interface, "::*" every IPv6 one. */
    static List<InetAddress> bindAddresses(String bind) throws StartupException {
        List<InetAddress> out = new ArrayList<>();
        for (String raw : bind.trim().split("\\s+")) {
            boolean optional = raw.startsWith("-");
            String host = optional ? raw.substring(1) : raw;
            try {
                InetAddress a = switch (host) {
                    case "*" -> InetAddress.getByName("0.0.0.0");
                    case "::*" -> InetAddress.getByName("::");
                    default -> InetAddress.getByName(host);
                };
                if (optional && a instanceof java.net.Inet6Address && !ipv6Available()) {
                    continue;
                }
                out.add(a);
            } catch (UnknownHostException e) {
                if (!optional) {
                    throw new StartupException("Invalid bind address '" + host + "'", e);
                }
            }
        }
        if (out.isEmpty()) {
            throw new StartupException("No bind address to listen on: '" + bind + "'");
        }
        return out;
    }

    private static boolean ipv6Available() {
        try (var ch = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.INET6)) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String bindList(String v) {
        String s = v.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("Too many bind addresses specified.");
        }
        return s.replaceAll("\\s+", " ");
    }


}
