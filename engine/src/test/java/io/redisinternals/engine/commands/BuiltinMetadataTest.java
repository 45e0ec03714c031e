package io.redisinternals.engine.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.command.KeySpec;
import io.redisinternals.engine.BuiltinCommands;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every built-in command (the engine's own and the data-type set) carries exactly the captured
 * metadata of its name: nothing is typed by hand, so nothing can drift from redis-server 7.0.15.
 * A binding may add only what the metadata cannot hold (its function, keyFlags, a key finder).
 */
class BuiltinMetadataTest {

    private static final io.redisinternals.command.CommandFunction NONE = (ctx, argv) -> { };

    @Test
    void everyBuiltinSpecIsItsNamesMetadata() {
        List<String> differences = new ArrayList<>();
        int checked = 0;
        for (CommandSpec s : new BuiltinCommands().commands()) {
            checked += compare(s, s.name(), differences);
            for (CommandSpec sub : s.subcommands()) {
                checked += compare(sub, s.name() + "|" + sub.name(), differences);
            }
        }
        assertEquals(List.of(), differences);
        assertTrue(checked > 150, "checked " + checked); // 196 when written
    }

    private static int compare(CommandSpec actual, String fullName, List<String> differences) {
        if (!CommandMetadata.exists(fullName)) {
            differences.add(fullName + ": not a redis-server 7.0.15 command");
            return 0;
        }
        CommandSpec expected = CommandMetadata.builder(fullName).function(NONE).build();
        check(differences, fullName, "arity", expected.arity(), actual.arity());
        check(differences, fullName, "flags", expected.flags(), actual.flags());
        check(differences, fullName, "acl", expected.aclCategories(), actual.aclCategories());
        check(differences, fullName, "tips", expected.tips(), actual.tips());
        check(differences, fullName, "key specs", withoutFinders(expected.keySpecs()), withoutFinders(actual.keySpecs()));
        check(differences, fullName, "group", expected.group(), actual.group());
        check(differences, fullName, "docs", expected.docs(), actual.docs());
        int[] legacy = CommandCommand.legacyRange(actual.keySpecs());
        if (!java.util.Arrays.equals(CommandMetadata.legacyKeyRange(fullName), legacy)) {
            differences.add(fullName + " legacy key range: " + java.util.Arrays.toString(legacy));
        }
        return 1;
    }

    private static List<KeySpec> withoutFinders(List<KeySpec> specs) {
        return specs.stream().map(k -> k.finder(null)).toList();
    }

    private static void check(List<String> differences, String name, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            differences.add(name + " " + what + ":\n   metadata " + expected + "\n   built-in " + actual);
        }
    }

    @Test
    void keyFlagsAndFindersSurviveTheBinding() {
        List<CommandSpec> all = new BuiltinCommands().commands();
        CommandSpec set = all.stream().filter(s -> s.name().equals("set")).findFirst().orElseThrow();
        assertTrue(set.keyFlags() != null, "SET computes its key flags per call");
        CommandSpec sort = all.stream().filter(s -> s.name().equals("sort")).findFirst().orElseThrow();
        assertTrue(sort.keySpecs().get(2).finder() != null, "SORT finds its STORE key");
        assertArrayEquals(new int[] {1, 1, 1}, CommandMetadata.legacyKeyRange("get"));
    }
}
