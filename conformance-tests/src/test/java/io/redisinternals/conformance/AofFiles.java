package io.redisinternals.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Helpers of the append-only file suites: a redis-server 7.0.15 started on a directory of the
 * test's (the reference's own files are the contract), copying directories, and a dump of a whole
 * dataset (every database, key, type, value and absolute expiry) to compare two servers with.
 */
final class AofFiles {

    private AofFiles() {
    }

    /** A redis-server process on {@code dir} (which it reads and writes), with {@code extra} settings. */
    static final class Redis implements AutoCloseable {
        final Process process;
        final Endpoint endpoint;
        final Path log;

        Redis(Path dir, String... extra) throws IOException {
            int port = ReferenceRedis.freePort();
            List<String> cmd = new ArrayList<>(List.of(redisBinary("redis-server"), "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--dir", dir.toString(), "--daemonize", "no"));
            cmd.addAll(List.of(extra));
            log = Files.createTempFile("aof-reference-", ".log");
            log.toFile().deleteOnExit();
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            endpoint = new Endpoint("reference", "127.0.0.1", port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try (RawConnection c = endpoint.connect()) {
                    if ("PONG".equals(c.call("PING").text())) {
                        return;
                    }
                } catch (RuntimeException e) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        throw new IOException("redis-server did not start: " + Files.readString(log, StandardCharsets.ISO_8859_1), e);
                    }
                }
                sleep(50);
            }
        }

        String log() throws IOException {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** A tool of the installed redis 7.0.15 (redis-server, redis-check-aof), from PATH. */
    static String redisBinary(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        org.junit.jupiter.api.Assumptions.abort(name + " 7.0.15 is not on PATH");
        return null;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void copyDir(Path from, Path to) {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every key of every database as one line: db, key, type, value (collections in a canonical
     * order) and PEXPIRETIME, so two servers holding the same data print the same text.
     */
    static String dump(Endpoint ep) {
        StringBuilder sb = new StringBuilder();
        try (RawConnection c = ep.connect()) {
            for (int db = 0; db < 16; db++) {
                c.call("SELECT", Integer.toString(db));
                List<String> keys = texts(c.call("KEYS", "*"));
                keys.sort(null);
                for (String k : keys) {
                    String type = c.call("TYPE", k).text();
                    String value = switch (type) {
                        case "string" -> c.call("GET", k).text();
                        case "list" -> texts(c.call("LRANGE", k, "0", "-1")).toString();
                        case "set" -> sorted(texts(c.call("SMEMBERS", k))).toString();
                        case "zset" -> texts(c.call("ZRANGE", k, "0", "-1", "WITHSCORES")).toString();
                        case "hash" -> pairsSorted(texts(c.call("HGETALL", k))).toString();
                        default -> "?";
                    };
                    sb.append(db).append(' ').append(k).append(' ').append(type).append(' ').append(value)
                            .append(" expire=").append(c.call("PEXPIRETIME", k).text()).append('\n');
                }
            }
            c.call("SELECT", "0");
        }
        return sb.toString();
    }

    private static List<String> texts(Reply r) {
        List<String> out = new ArrayList<>();
        for (Reply e : r.children()) {
            out.add(e.text());
        }
        return out;
    }

    private static List<String> sorted(List<String> l) {
        l.sort(null);
        return l;
    }

    private static List<String> pairsSorted(List<String> flat) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < flat.size(); i += 2) {
            pairs.add(flat.get(i) + "=" + flat.get(i + 1));
        }
        pairs.sort(null);
        return pairs;
    }

    /** The incremental file being appended to (the manifest's last {@code type i} line). */
    static Path lastIncr(Path dir) throws IOException {
        Path aofDir = dir.resolve("appendonlydir");
        String last = null;
        for (String line : Files.readAllLines(aofDir.resolve("appendonly.aof.manifest"))) {
            if (line.endsWith("type i")) {
                last = line.split(" ")[1];
            }
        }
        return aofDir.resolve(last);
    }

    /** Runs redis-check-aof 7.0.15 on {@code target}; returns its exit code and output. */
    static String checkAof(Path target) throws Exception {
        Process p = new ProcessBuilder(redisBinary("redis-check-aof"), target.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        return p.waitFor() + "\n" + out;
    }
}
