package io.redisinternals.keyspace;

import java.nio.charset.StandardCharsets;

/** The UTF-8 bytes of a text, for tests (arguments themselves come from {@code Argv.of}). */
final class TestBytes {

    private TestBytes() {
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
