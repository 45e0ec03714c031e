package io.redisinternals.server;

import io.redisinternals.transport.spi.TransportProvider;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Chooses the transport: the one named by the {@code transport} setting, else the available
 * provider with the highest priority. Nothing falls back silently: a named transport that is
 * unavailable refuses the start with its cause.
 */
final class TransportSelector {

    private TransportSelector() {
    }

    /** Every provider on the module path (or class path), highest priority first. */
    static List<TransportProvider> discover() {
        return ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparingInt(TransportProvider::priority).reversed())
                .toList();
    }

    static TransportProvider select(String name, List<TransportProvider> providers) throws StartupException {
        if (providers.isEmpty()) {
            throw new StartupException("No transport found: put a transport module (e.g. io.redisinternals.transport.blocking) on the module path");
        }
        if (name == null || name.isEmpty()) {
            StringBuilder why = new StringBuilder();
            for (TransportProvider p : providers) {
                var availability = p.availability();
                if (availability.available()) {
                    return p;
                }
                why.append("\n  ").append(p.name()).append(": ").append(availability.cause());
            }
            throw new StartupException("No transport is available here:" + why);
        }
        for (TransportProvider p : providers) {
            if (p.name().equals(name)) {
                var availability = p.availability();
                if (!availability.available()) {
                    throw new StartupException("Transport '" + name + "' is not available: " + availability.cause(),
                            availability.cause());
                }
                return p;
            }
        }
        throw new StartupException("Unknown transport '" + name + "'; available: "
                + providers.stream().map(TransportProvider::name).collect(Collectors.joining(", ")));
    }
}
