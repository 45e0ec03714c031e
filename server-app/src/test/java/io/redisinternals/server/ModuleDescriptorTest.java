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
    static final String COMMAND_API = "io.redisinternals.command";
    static final String ENGINE = "io.redisinternals.engine";
    static final String COMMANDS = "io.redisinternals.commands";
    static final String LUA = "io.redisinternals.lua";
    static final String SCRIPTING = "io.redisinternals.scripting";
    static final String PROVIDER = "io.redisinternals.command.spi.CommandProvider";
    static final String BLOCKING = "io.redisinternals.transport.blocking";
    static final String EPOLL = "io.redisinternals.transport.epoll";
    static final String SERVER = "io.redisinternals.server";
    static final String PERSISTENCE = "io.redisinternals.persistence";

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
    void keyspaceIsStorageThatSeesRespOnly() {
        ModuleDescriptor d = descriptor(KEYSPACE);
        assertEquals(Set.of(RESP), requires(d));
        assertEquals(Set.of("io.redisinternals.keyspace", "io.redisinternals.keyspace.dict",
                "io.redisinternals.keyspace.types"), exports(d));
        assertEquals(Set.of(), d.uses());
        assertEquals(Map.of(), provides(d));
    }

    @Test
    void commandApiSeesRespAndTheStorageTypesOnly() {
        ModuleDescriptor d = descriptor(COMMAND_API);
        assertEquals(Set.of(RESP, KEYSPACE), requires(d));
        assertTrue(d.requires().stream().allMatch(r -> r.name().equals("java.base")
                || r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)),
                "a command set needs RESP and the storage types: both are part of the contract");
        assertEquals(Set.of("io.redisinternals.command", "io.redisinternals.command.spi", "io.redisinternals.command.codec"),
                exports(d));
        assertEquals(Set.of(), d.uses());
        assertEquals(Map.of(), provides(d));
    }

    @Test
    void persistenceIsInstalledIntoTheEngineByTheServer() {
        ModuleDescriptor d = descriptor(PERSISTENCE);
        assertEquals(Set.of(ENGINE), requires(d));
        assertEquals(Set.of(PERSISTENCE), exports(d));
        assertEquals(Map.of(PROVIDER, Set.of("io.redisinternals.persistence.PersistenceCommands")), provides(d),
                "DUMP and RESTORE are an ordinary command set");
    }

    @Test
    void engineFindsCommandSetsByServiceLoaderAndIsOneItself() {
        ModuleDescriptor d = descriptor(ENGINE);
        assertEquals(Set.of(COMMAND_API), requires(d));
        assertEquals(Set.of("io.redisinternals.engine", "io.redisinternals.engine.config"), exports(d));
        assertEquals(Set.of(PROVIDER), d.uses());
        assertEquals(Map.of(PROVIDER, Set.of("io.redisinternals.engine.commands.EngineCommands")), provides(d));
    }

    @Test
    void dataTypeCommandsAreAPluginOfTheCommandApi() {
        ModuleDescriptor d = descriptor(COMMANDS);
        assertEquals(Set.of(COMMAND_API), requires(d));
        assertEquals(Set.of(), exports(d));
        assertEquals(Set.of(), d.uses());
        assertEquals(Map.of(PROVIDER, Set.of("io.redisinternals.commands.DataTypeCommands")), provides(d));
    }

    @Test
    void luaIsAnInterpreterThatKnowsNothingOfRedis() {
        ModuleDescriptor d = descriptor(LUA);
        assertEquals(Set.of(), requires(d));
        assertEquals(Set.of(), d.uses());
        assertEquals(Map.of(), provides(d));
    }

    @Test
    void scriptingIsAPluginOfTheCommandApiOverLua() {
        ModuleDescriptor d = descriptor(SCRIPTING);
        assertEquals(Set.of(COMMAND_API, LUA), requires(d));
        assertEquals(Set.of(), exports(d));
        assertEquals(Set.of(), d.uses());
        assertEquals(Map.of(PROVIDER, Set.of("io.redisinternals.scripting.ScriptingCommands")), provides(d));
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
        assertEquals(Set.of(RESP, ENGINE, SPI, PERSISTENCE, "jdk.management"), requires(d));
        // RedisServer.engine() hands embedders the engine (effects sinks): its module comes along
        assertTrue(d.requires().stream().anyMatch(r -> r.name().equals(ENGINE)
                && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)));
        assertEquals(Set.of("io.redisinternals.server"), exports(d));
        assertEquals(Set.of("io.redisinternals.transport.spi.TransportProvider"), d.uses());
        assertEquals(Map.of("java.lang.System$LoggerFinder", Set.of("io.redisinternals.server.RedisLogFinder")),
                provides(d));
    }

    @Test
    void productionModulesRequireOnlyTheJdkAndEachOther() {
        for (String name : new String[] {RESP, SPI, KEYSPACE, COMMAND_API, ENGINE, COMMANDS, LUA, SCRIPTING, BLOCKING, EPOLL, SERVER}) {
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
        assertTrue(modules.contains(COMMANDS), "the data-type commands are bound as a service provider: " + modules);
        assertTrue(modules.contains(SCRIPTING), "scripting is bound as a service provider: " + modules);
        assertTrue(modules.contains(LUA), "scripting brings the interpreter: " + modules);
        cf.modules().forEach(m -> assertFalse(m.reference().descriptor().isAutomatic(),
                "automatic module in the server's layer: " + m.name()));
    }
}
