package io.redisinternals.keyspace;

import java.nio.charset.StandardCharsets;

/** The UTF-8 bytes of a text, for tests (arguments themselves come from {@code Argv.of}). */
public final class TestBytes {

    private TestBytes() {
    }

    public static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
