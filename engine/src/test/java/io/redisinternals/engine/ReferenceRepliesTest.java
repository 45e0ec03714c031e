package io.redisinternals.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisinternals.resp.Argv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays requests whose replies were captured from a real redis-server 7.0.15
 * (src/test/scripts/capture_replies.py; one fresh connection per case) and demands the same bytes.
 * Only deterministic requests are in the file (no ids, clocks or addresses).
 */
class ReferenceRepliesTest {

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = ReferenceRepliesTest.class.getResourceAsStream("redis-7.0.15-replies.txt")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].startsWith("> ")) {
                    continue;
                }
                String[] words = lines[i].substring(2).split(" ");
                int resp = Integer.parseInt(words[0]);
                byte[][] args = new byte[words.length - 1][];
                for (int w = 1; w < words.length; w++) {
                    args[w - 1] = unescape(words[w]);
                }
                byte[] reply = unescape(lines[++i].substring(2));
                out.add(Arguments.of(lines[i - 1].substring(2), resp, args, reply));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameBytesAsRedis(String label, int resp, byte[][] args, byte[] expected) {
        TestClient c = TestClient.fresh();
        if (resp == 3) {
            c.call("HELLO", "3");
        }
        String actual = c.call(Argv.of(args));
        assertEquals(new String(expected, StandardCharsets.ISO_8859_1), actual);
    }

    private static byte[] unescape(String s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch != '\\') {
                b.write(ch);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'r' -> b.write('\r');
                case 'n' -> b.write('\n');
                case 't' -> b.write('\t');
                case '\\' -> b.write('\\');
                case 'x' -> {
                    b.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("bad escape \\" + e);
            }
        }
        return b.toByteArray();
    }
}
