package io.redisinternals.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module graph as designed: who requires whom, what is exported, who uses and provides which
 * service. A new edge (say transport.blocking requiring the keyspace) fails here.
 */
class ModuleDescriptorTest {

    static final String RESP = "io.redisinternals.resp";
    static final String SPI = "io.redisinternals.transport.spi";
    static final String KEYSPACE = "io.redisinternals.keyspace";
    static final String BLOCKING = "io.redisinternals.transport.blocking";
    static final String EPOLL = "io.redisinternals.transport.epoll";
    static final String SERVER = "io.redisinternals.server";

    /** Every module on the test's module path and class path, found by name. */
    static ModuleFinder finder() {
        String paths = System.getProperty("jdk.module.path", "") + File.pathSeparator
                + System.getProperty("java.class.path", "");
        Path[] entries = Arrays.stream(paths.split(File.pathSeparator))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .filter(p -> p.toFile().exists())
                .toArray(Path[]::new);
        return ModuleFinder.of(entries);
    }

    static ModuleDescriptor descriptor(String name) {
        ModuleReference ref = finder().find(name)
                .orElseThrow(() -> new AssertionError("module " + name + " not found on the test paths"));
        return ref.descriptor();
    }

    static Set<String> requires(ModuleDescriptor d) {
        return d.requires().stream().map(ModuleDescriptor.Requires::name)
                .filter(n -> !n.equals("java.base"))
                .collect(Collectors.toSet());
    }

    static Set<String> exports(ModuleDescriptor d) {
        return d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    }

    static Map<String, Set<String>> provides(ModuleDescriptor d) {
        return d.provides().stream().collect(Collectors.toMap(ModuleDescriptor.Provides::service,
                p -> Set.copyOf(p.providers())));
    }

    @Test
    void respDependsOnNothing() {
        ModuleDescriptor d = descriptor(RESP);
        assertFalse(d.isAutomatic());
        assertEquals(Set.of(), requires(d));
        assertEquals(Set.of("io.redisinternals.resp"), exports(d));
        assertEquals(Set.of(), d.uses());
        assertEquals(Map.of(), provides(d));
    }

    @Test
    void transportSpiDependsOnNothing() {
        ModuleDescriptor d = descriptor(SPI);
        assertEquals(Set.of(), requires(d));
        assertEquals(Set.of("io.redisinternals.transport.spi"), exports(d));
        assertEquals(Set.of(), d.uses());
        assertEquals(Map.of(), provides(d));
    }

    @Test
    void keyspaceSeesRespOnlyAndIsItsOwnCommandProvider() {
        ModuleDescriptor d = descriptor(KEYSPACE);
        assertEquals(Set.of(RESP), requires(d));
        assertEquals(Set.of("io.redisinternals.keyspace", "io.redisinternals.keyspace.spi"), exports(d));
        assertEquals(Set.of("io.redisinternals.keyspace.spi.CommandProvider"), d.uses());
        assertEquals(Map.of("io.redisinternals.keyspace.spi.CommandProvider",
                Set.of("io.redisinternals.keyspace.commands.BuiltinCommands")), provides(d));
    }

    @Test
    void blockingTransportIsAPluginThatExportsNothing() {
        ModuleDescriptor d = descriptor(BLOCKING);
        assertEquals(Set.of(SPI), requires(d));
        assertEquals(Set.of(), exports(d));
        assertEquals(Set.of(), d.uses());
        assertEquals(Map.of("io.redisinternals.transport.spi.TransportProvider",
                Set.of("io.redisinternals.transport.blocking.BlockingTransportProvider")), provides(d));
    }

    @Test
    void epollTransportIsAPluginThatExportsNothing() {
        ModuleDescriptor d = descriptor(EPOLL);
        assertEquals(Set.of(SPI), requires(d));
        assertEquals(Set.of(), exports(d));
        assertEquals(Set.of(), d.uses());
        assertEquals(Map.of("io.redisinternals.transport.spi.TransportProvider",
                Set.of("io.redisinternals.transport.epoll.EpollTransportProvider")), provides(d));
    }

    @Test
    void serverAssemblesAndFindsTransportsByServiceLoader() {
        ModuleDescriptor d = descriptor(SERVER);
        // jdk.management: the open files limit maxclients must fit (OpenFilesLimit)
        assertEquals(Set.of(RESP, KEYSPACE, SPI, "jdk.management"), requires(d));
        assertEquals(Set.of("io.redisinternals.server"), exports(d));
        assertEquals(Set.of("io.redisinternals.transport.spi.TransportProvider"), d.uses());
        assertEquals(Map.of("java.lang.System$LoggerFinder", Set.of("io.redisinternals.server.RedisLogFinder")),
                provides(d));
    }

    @Test
    void productionModulesRequireOnlyTheJdkAndEachOther() {
        for (String name : new String[] {RESP, SPI, KEYSPACE, BLOCKING, EPOLL, SERVER}) {
            ModuleDescriptor d = descriptor(name);
            assertFalse(d.isAutomatic(), name + " must be a named module");
            for (String r : requires(d)) {
                assertTrue(r.startsWith("io.redisinternals.") || r.startsWith("java.") || r.startsWith("jdk."),
                        name + " requires third-party module " + r);
            }
        }
    }

    @Test
    void serverBootLayerHasNoAutomaticModules() {
        // The server's runtime graph: resolve it from the server module as the launcher does,
        // binding services so every provider module is in, and check none is automatic.
        var cf = ModuleLayer.boot().configuration().resolveAndBind(finder(), ModuleFinder.of(), Set.of(SERVER));
        Set<String> modules = cf.modules().stream().map(m -> m.name()).collect(Collectors.toSet());
        assertTrue(modules.contains(BLOCKING), "the blocking transport is bound as a service provider: " + modules);
        assertTrue(modules.contains(EPOLL), "the epoll transport is bound as a service provider: " + modules);
        cf.modules().forEach(m -> assertFalse(m.reference().descriptor().isAutomatic(),
                "automatic module in the server's layer: " + m.name()));
    }
}
