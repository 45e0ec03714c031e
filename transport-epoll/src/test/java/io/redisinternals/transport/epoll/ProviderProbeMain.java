package io.redisinternals.transport.epoll;

import io.redisinternals.transport.spi.ConnectionHandler;
import io.redisinternals.transport.spi.Transport;
import io.redisinternals.transport.spi.TransportConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run in a forked JVM by {@link EpollTransportProviderTest}, because the JNI probe is cached per
 * JVM: prints facts as {@code key=value} lines on stdout.
 */
public final class ProviderProbeMain {

    private ProviderProbeMain() {
    }

    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "construct" -> {
                int before = Thread.activeCount();
                EpollTransportProvider p = new EpollTransportProvider();
                p.name();
                p.priority();
                p.settings();
                System.out.println("threadsAdded=" + (Thread.activeCount() - before));
                System.out.println("loadedAfterConstruct=" + libraryLoaded());
                System.out.println("available=" + p.availability().available());
                System.out.println("loadedAfterAvailability=" + libraryLoaded());
            }
            case "create" -> {
                try {
                    Transport t = new EpollTransportProvider().create(config(Map.of("epoll-native", args[1])),
                            c -> new ConnectionHandler() {
                                @Override
                                public void onRead(ByteBuffer in) {
                                }

                                @Override
                                public void onClose() {
                                }
                            });
                    System.out.println("backend=" + t.backend());
                    t.start();
                    System.out.println("started=true");
                    t.close();
                } catch (IllegalArgumentException e) {
                    System.out.println("refused=" + e.getMessage());
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static TransportConfig config(Map<String, String> settings) {
        return new TransportConfig(List.of(InetAddress.getLoopbackAddress()), 0, 128, settings);
    }

    private static boolean libraryLoaded() throws IOException {
        return Files.readString(Path.of("/proc/self/maps")).contains("redisinternals_epoll");
    }
}
