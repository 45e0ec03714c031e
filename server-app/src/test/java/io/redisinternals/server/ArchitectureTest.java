package io.redisinternals.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Class-level dependency rules of the platform (the module descriptors guard modules; these
 * guard packages, including within the class path): transports never see the keyspace, RESP or
 * the server; the storage never sees execution; the command API and command sets never see the
 * engine; the engine never sees command sets or transports; the codec and the SPI see nothing; and
 * no package cycle exists anywhere.
 *
 * <p>The rules are written over a root package so they can also be checked against a fixture
 * tree with a deliberately forbidden edge, proving they fail when one is added.
 */
class ArchitectureTest {

    static List<ArchRule> rules(String root) {
        String resp = root + ".resp..";
        String spi = root + ".transport.spi..";
        String keyspace = root + ".keyspace..";
        String commandApi = root + ".command..";
        String engine = root + ".engine..";
        String commands = root + ".commands..";
        String transports = root + ".transport..";
        String server = root + ".server..";
        return List.of(
                noClasses().that().resideInAPackage(resp)
                        .should().dependOnClassesThat().resideInAnyPackage(keyspace, commandApi, engine, commands,
                                transports, server)
                        .because("the RESP codec depends on nothing"),
                noClasses().that().resideInAPackage(spi)
                        .should().dependOnClassesThat().resideInAnyPackage(resp, keyspace, commandApi, engine, commands,
                                server)
                        .because("the transport SPI depends on nothing"),
                noClasses().that().resideInAPackage(keyspace)
                        .should().dependOnClassesThat().resideInAnyPackage(commandApi, engine, commands, transports,
                                server)
                        .because("the storage knows nothing of execution, transports or the server"),
                noClasses().that().resideInAPackage(transports).and().resideOutsideOfPackage(spi)
                        .should().dependOnClassesThat().resideInAnyPackage(resp, keyspace, commandApi, engine, commands,
                                server)
                        .because("transports see bytes and connections only, never RESP or the keyspace"),
                noClasses().that().resideInAPackage(commandApi)
                        .should().dependOnClassesThat().resideInAnyPackage(engine, commands, transports, server)
                        .because("the command API is interfaces and metadata: no engine class is reachable through it"),
                noClasses().that().resideInAPackage(commands)
                        .should().dependOnClassesThat().resideInAnyPackage(engine, transports, server)
                        .because("a command set sees the command API and the storage only, never the dispatcher,"
                                + " the command table or sessions"),
                noClasses().that().resideInAPackage(engine)
                        .should().dependOnClassesThat().resideInAnyPackage(commands, transports, server)
                        .because("the engine finds command sets by ServiceLoader and never sees transports"),
                noClasses().that().resideInAPackage(root + ".scripting..")
                        .should().dependOnClassesThat().resideInAnyPackage(engine, commands, transports, server)
                        .because("scripting is a command set: it calls other commands through the command API's"
                                + " NestedCalls, never the engine"),
                noClasses().that().resideInAPackage(root + ".persistence..")
                        .should().dependOnClassesThat().resideInAnyPackage(commands, root + ".scripting..", transports,
                                server)
                        .because("persistence reaches command sets' state through the command API (FunctionStore),"
                                + " never their classes, and knows nothing of transports or the server"),
                noClasses().that().resideInAPackage(root + ".persistence.rdb..")
                        .and().doNotHaveFullyQualifiedName(root + ".persistence.rdb.RdbSettings")
                        .or().haveFullyQualifiedName(root + ".persistence.PersistenceCommands")
                        .should().dependOnClassesThat().resideInAPackage(engine)
                        .because("the RDB value codec and DUMP/RESTORE are written against the command API and"
                                + " the storage types (only the settings' registration sees the engine's Config)"),
                noClasses().that().resideInAPackage(engine)
                        .should().dependOnClassesThat().resideInAPackage(root + ".persistence..")
                        .because("the engine asks persistence through its own Persistence interface"),
                noClasses().that().resideInAPackage(root + ".lua..")
                        .should().dependOnClassesThat().resideInAnyPackage(resp, keyspace, commandApi, engine, commands,
                                root + ".scripting..", transports, server)
                        .because("the Lua interpreter knows nothing of Redis"),
                slices().matching(root + ".(**)").should().beFreeOfCycles()
                        // One cycle by design: LuaState, the lua module's facade in the exported
                        // package, delegates to the interpreter in lua.interp, which implements
                        // the exported value types (LuaFunction, Coroutine). The module boundary
                        // keeps lua.interp unexported; the edge is named so no other can hide here.
                        .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.describe("LuaState",
                                        (com.tngtech.archunit.core.domain.JavaClass c) -> c.getName().equals(root + ".lua.LuaState")),
                                com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(root + ".lua.interp"))
                        .because("packages form a hierarchy: no cycles anywhere"));
    }

    static Path codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JavaClasses productionClasses() throws ClassNotFoundException, IOException {
        List<Path> roots = new ArrayList<>();
        roots.add(codeSource(io.redisinternals.resp.Argv.class));
        roots.add(codeSource(io.redisinternals.transport.spi.TransportProvider.class));
        roots.add(codeSource(io.redisinternals.keyspace.Keyspace.class));
        roots.add(codeSource(io.redisinternals.command.CommandSpec.class));
        roots.add(codeSource(io.redisinternals.engine.Engine.class));
        roots.add(codeSource(RedisServer.class));
        roots.add(codeSource(io.redisinternals.persistence.PersistenceService.class));
        // a runtime-only dependency of this module: load it by name, as ServiceLoader would
        for (String provider : List.of("io.redisinternals.commands.DataTypeCommands",
                "io.redisinternals.scripting.ScriptingCommands", "io.redisinternals.lua.LuaState",
                "io.redisinternals.transport.blocking.BlockingTransportProvider",
                "io.redisinternals.transport.epoll.EpollTransportProvider")) {
            roots.add(codeSource(Class.forName(provider, false, ArchitectureTest.class.getClassLoader())));
        }
        // Modules arrive as directories (reactor) or jars (installed): import both kinds.
        List<Location> locations = new ArrayList<>();
        for (Path root : roots) {
            locations.add(root.toString().endsWith(".jar") ? Location.of(new JarFile(root.toFile())) : Location.of(root));
        }
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(locations);
    }

    @Test
    void productionCodeFollowsTheLayering() throws Exception {
        JavaClasses classes = productionClasses();
        // guard against a vacuous pass: every module contributed classes
        for (String pkg : List.of("resp", "transport.spi", "keyspace", "command", "engine", "commands", "scripting", "lua",
                "persistence", "transport.blocking", "transport.epoll", "server")) {
            org.junit.jupiter.api.Assertions.assertTrue(
                    classes.stream().anyMatch(c -> c.getPackageName().startsWith("io.redisinternals." + pkg)),
                    "no classes imported for " + pkg);
        }
        for (ArchRule rule : rules("io.redisinternals")) {
            rule.check(classes);
        }
    }

    /**
     * Text for the wire, the log and the check tools is formatted as redis-server's C-locale
     * printf does. The JDK's overloads without a Locale take the JVM's default one: a German
     * default printed INFO's {@code loading_loaded_perc:12,50}, an Arabic one MONITOR's
     * microseconds in Arabic-Indic digits. The same holds for case conversion.
     */
    static ArchRule noDefaultLocaleFormatting(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .should().callMethod(String.class, "format", String.class, Object[].class)
                .orShould().callMethod(String.class, "formatted", Object[].class)
                .orShould().callMethod(java.text.MessageFormat.class, "format", String.class, Object[].class)
                .orShould().callMethod(java.io.PrintStream.class, "printf", String.class, Object[].class)
                // a Turkish default lower-cases "INFO" to "\u0131nfo" (dotless i): no command would match
                .orShould().callMethod(String.class, "toLowerCase")
                .orShould().callMethod(String.class, "toUpperCase")
                // month names, as in the log's "07 Dec 2026", from the default locale
                .orShould().callMethod(java.time.format.DateTimeFormatter.class, "ofPattern", String.class)
                .because("replies and logs must not depend on the JVM's default locale: pass Locale.ROOT");
    }

    @Test
    void productionCodeFormatsWithoutTheDefaultLocale() throws Exception {
        noDefaultLocaleFormatting("io.redisinternals").check(productionClasses());
    }

    @Test
    void formattingInTheDefaultLocaleIsCaught() {
        // archfixture.engine.LocalFormat calls String.format(String, Object...).
        JavaClasses fixture = new ClassFileImporter().importPackages("archfixture.engine");
        assertThrows(AssertionError.class, () -> noDefaultLocaleFormatting("archfixture").check(fixture));
    }

    @Test
    void aForbiddenEdgeIsCaught() {
        // archfixture.transport.blocking.LeakyTransport uses archfixture.keyspace.Store.
        JavaClasses fixture = new ClassFileImporter().importPackages("archfixture");
        List<ArchRule> rules = rules("archfixture");
        assertThrows(AssertionError.class, () -> rules.get(3).check(fixture));
    }

    @Test
    void aPackageCycleIsCaught() {
        // archfixture.engine.Runner uses archfixture.engine.exec.Step, which uses Runner back.
        JavaClasses fixture = new ClassFileImporter().importPackages("archfixture.engine");
        List<ArchRule> rules = rules("archfixture");
        assertThrows(AssertionError.class, () -> rules.get(rules.size() - 1).check(fixture));
    }

    @Test
    void aCommandSetReachingIntoTheEngineIsCaught() {
        // archfixture.commands.Sneaky uses archfixture.engine.Runner.
        JavaClasses fixture = new ClassFileImporter().importPackages("archfixture.commands", "archfixture.engine");
        List<ArchRule> rules = rules("archfixture");
        assertThrows(AssertionError.class, () -> rules.get(5).check(fixture));
    }
}
