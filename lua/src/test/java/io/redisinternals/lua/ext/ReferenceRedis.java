package io.redisinternals.lua.ext;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The reference for the bundled libraries: a redis-server 7.0 started for the test class on a
 * free port (--save '', no persistence), asked with EVAL over a plain RESP connection. The lua
 * module must not depend on the conformance helpers, so this is its own small copy of the idea.
 * A missing redis-server fails the test: the differential tests are the point and never skip.
 */
final class ReferenceRedis implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private ReferenceRedis(Process process, Path dir, Socket socket) throws IOException {
        this.process = process;
        this.dir = dir;
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static ReferenceRedis start() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path dir = Files.createTempDirectory("luaext-ref");
        Process p;
        try {
            p = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--save", "",
                    "--appendonly", "no", "--dir", dir.toString(), "--bind", "127.0.0.1")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("redis-server (7.0.15) is needed for the differential tests of the "
                    + "bundled Lua libraries and could not be started: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                Socket s = new Socket("127.0.0.1", port);
                ReferenceRedis r = new ReferenceRedis(p, dir, s);
                String version = r.command("INFO", "server").text();
                if (!version.contains("redis_version:7.0.")) {
                    r.close();
                    throw new AssertionError("the reference must be redis-server 7.0.x: " + version);
                }
                return r;
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new AssertionError("redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
                }
                Thread.sleep(20);
            }
        }
    }

    /** A reply: bytes of a bulk/simple string, or an error's text. */
    record Reply(byte[] bytes, boolean error) {
        String text() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    Reply eval(String script) throws IOException {
        return command("EVAL", script, "0");
    }

    Reply command(String... args) throws IOException {
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        for (String a : args) {
            byte[] b = a.getBytes(StandardCharsets.ISO_8859_1);
            req.writeBytes(("$" + b.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            req.writeBytes(b);
            req.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.write(req.toByteArray());
        out.flush();
        return read();
    }

    private Reply read() throws IOException {
        int type = in.read();
        String line = line();
        switch (type) {
            case '+', ':':
                return new Reply(line.getBytes(StandardCharsets.ISO_8859_1), false);
            case '-':
                return new Reply(line.getBytes(StandardCharsets.ISO_8859_1), true);
            case '$': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return new Reply("(nil)".getBytes(StandardCharsets.ISO_8859_1), false);
                }
                byte[] b = in.readNBytes(n);
                in.readNBytes(2);
                return new Reply(b, false);
            }
            default:
                throw new IOException("unexpected reply type " + (char) type + line);
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            sb.append((char) c);
        }
        in.read();
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
