package io.redisinternals.lua;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the lexer, parser and compiler: any bytes given to {@link LuaState#load} give a function
 * or a {@link LuaError} whose value is the message string (a syntax error, Lua 5.1's "chunk has too
 * many syntax levels", a binary chunk refused), never another exception, a StackOverflowError
 * escaping or a hang. A plain {@code mvn verify} replays the seeds and earlier findings under
 * src/test/resources/io/redisinternals/lua/LuaParserFuzzTestInputs/load/; with {@code JAZZER_FUZZ=1}
 * Jazzer generates inputs for real (see lua/pom.xml). The test thread's stack is the default one,
 * not the big stack the differential tests give the interpreter: the parser must bound its own
 * recursion.
 *
 * <p>No JUnit {@code @Timeout}: jazzer-junit 0.30 applies it to the whole fuzzing run as well
 * (its issue 1060), so a hang is libFuzzer's per-input timeout when fuzzing. The dictionary
 * (Lua's keywords and multi-byte tokens) lets the fuzzer reach the parser past the lexer.
 */
class LuaParserFuzzTest {

    /** Programs longer than this add nothing a shorter one would not reach, and slow the fuzzer down. */
    private static final int MAX_INPUT = 16 * 1024;

    private final LuaState state = LuaRun.newState();

    @FuzzTest(maxDuration = "5m")
    @DictionaryEntries({"and", "break", "do", "else", "elseif", "end", "false", "for", "function", "if", "in",
        "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while", "...", "..", "==",
        "~=", "<=", ">=", "[[", "]]", "[==[", "]==]", "--", "--[[", "\\", "\\255", "0x", "1e", ":", ";",
        "(", ")", "{", "}", "[", "]", "=", "#", "\"", "'"})
    void load(byte[] input) {
        if (input.length > MAX_INPUT) {
            return;
        }
        try {
            assertNotNull(state.load(LuaString.wrap(input), "=fuzz"));
        } catch (LuaError e) {
            assertInstanceOf(LuaString.class, e.value(), "a compile error is a message");
        }
    }
}
