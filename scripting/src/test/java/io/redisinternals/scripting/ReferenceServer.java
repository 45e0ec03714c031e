package io.redisinternals.scripting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A redis-server 7.0 of our own for differential tests of the conversions, on a free port, with a
 * raw RESP connection that returns each reply's exact bytes. A missing redis-server fails the test
 * with the reason (never a skip), as the lua module's tests do for lua5.1.
 */
final class ReferenceServer implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int port;

    private ReferenceServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    static ReferenceServer start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("scripting-ref");
        Process p;
        try {
            p = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("redis-server 7.0 must be on the PATH for the differential tests", e);
        }
        ReferenceServer server = new ReferenceServer(p, dir, port);
        for (int i = 0; i < 100; i++) {
            try (Connection c = server.connect()) {
                c.call("PING");
                return server;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        server.close();
        throw new AssertionError("redis-server did not start on port " + port);
    }

    Connection connect() throws IOException {
        return new Connection(new Socket("127.0.0.1", port));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        } catch (IOException | InterruptedException ignored) {
            // a temp directory left behind is harmless
        }
    }

    /** One client connection: sends a command, returns its one reply's bytes. */
    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new java.io.BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        byte[] call(String... args) throws IOException {
            byte[][] b = new byte[args.length][];
            for (int i = 0; i < args.length; i++) {
                b[i] = args[i].getBytes(StandardCharsets.UTF_8);
            }
            return call(b);
        }

        byte[] call(byte[]... args) throws IOException {
            ByteArrayOutputStream req = new ByteArrayOutputStream();
            req.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (byte[] a : args) {
                req.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                req.writeBytes(a);
                req.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write(req.toByteArray());
            out.flush();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            readReply(reply);
            return reply.toByteArray();
        }

        private void readReply(ByteArrayOutputStream reply) throws IOException {
            int type = in.read();
            if (type < 0) {
                throw new IOException("connection closed");
            }
            reply.write(type);
            String line = readLine(reply);
            switch (type) {
                case '$', '=', '!' -> {
                    int n = Integer.parseInt(line);
                    if (n >= 0) {
                        reply.writeBytes(in.readNBytes(n + 2));
                    }
                }
                case '*', '~', '>' -> {
                    int n = Integer.parseInt(line);
                    for (int i = 0; i < n; i++) {
                        readReply(reply);
                    }
                }
                case '%', '|' -> {
                    int n = Integer.parseInt(line);
                    for (int i = 0; i < 2 * n; i++) {
                        readReply(reply);
                    }
                    if (type == '|') {
                        readReply(reply);
                    }
                }
                default -> {
                    // one line: + - : _ # , (
                }
            }
        }

        private String readLine(ByteArrayOutputStream reply) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != '\r') {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                line.write(c);
            }
            in.read(); // \n
            byte[] l = line.toByteArray();
            reply.writeBytes(l);
            reply.write('\r');
            reply.write('\n');
            return new String(l, StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
