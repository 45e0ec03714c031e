package io.redisinternals.conformance;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain socket to one server: sends raw bytes, reads one full RESP reply at a time, and tells
 * whether the peer closed the connection. Every read has a short timeout so a server that hangs
 * turns into a test failure, never a stuck build.
 */
public final class RawConnection implements AutoCloseable {

    public static final int READ_TIMEOUT_MILLIS = 5_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final RespReader reader;

    public RawConnection(Endpoint endpoint) {
        this(endpoint, null);
    }

    /**
     * A connection from the local address {@code from} (e.g. 127.0.0.2, which Linux routes over
     * loopback but Redis's islocalClient does not take for local); any address when null.
     */
    public RawConnection(Endpoint endpoint, java.net.InetAddress from) {
        try {
            socket = new Socket();
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            reader = new RespReader(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + endpoint, e);
        }
    }

    public RawConnection send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("write failed", e);
        }
        return this;
    }

    /** Like {@link #send(byte[])} but a peer that closes mid-write is not an error (the close is what is observed next). */
    public RawConnection sendLenient(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // the peer closed early: observe() reports it
        }
        return this;
    }

    public RawConnection send(String ascii) {
        return send(Bytes.ascii(ascii));
    }

    /** Sends one byte per write with a flush in between, to exercise incremental parsing. */
    public RawConnection sendByteByByte(byte[] bytes) {
        for (byte b : bytes) {
            send(new byte[] {b});
        }
        return this;
    }

    /**
     * One byte per write, with a short pause now and then so the server really sees partial
     * frames; a peer that closes mid-way stops the writing (the close is observed next).
     */
    public RawConnection sendByteByByteLenient(byte[] bytes) {
        try {
            for (int i = 0; i < bytes.length; i++) {
                out.write(bytes[i]);
                out.flush();
                if (i % 8 == 7) {
                    Thread.sleep(1);
                }
            }
        } catch (IOException e) {
            // the peer closed early: observe() reports it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return this;
    }

    /** Reads exactly one reply; fails the test on timeout or if the peer closed. */
    public Reply read() {
        try {
            return reader.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no reply within " + READ_TIMEOUT_MILLIS + " ms", e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a reply failed: " + e.getMessage(), e);
        }
    }

    public List<Reply> read(int n) {
        List<Reply> replies = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            replies.add(read());
        }
        return replies;
    }

    /** Sends a command as a RESP array and returns its reply. */
    public Reply call(String... args) {
        return send(Bytes.command(args)).read();
    }

    /** A numeric field of INFO everything (e.g. {@code evicted_keys}); fails if there is none. */
    public long infoLong(String field) {
        return Long.parseLong(info(field));
    }

    /** A field of INFO everything, as text; fails if there is none. */
    public String info(String field) {
        for (String line : call("INFO", "everything").text().split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        throw new AssertionError("no " + field);
    }

    /**
     * Reads everything until the peer closes. Fails on timeout: a server that should close but does
     * not is exactly what such a test is about.
     */
    public byte[] readUntilClosed() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    return all.toByteArray();
                }
                all.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("peer did not close within " + READ_TIMEOUT_MILLIS + " ms; got "
                    + Bytes.visible(all.toByteArray()), e);
        } catch (SocketException e) {
            // A reset after the peer closed with unread input still counts as closed.
            return all.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Collects whatever the peer sends until it closes, or until it has been quiet for
     * {@code quietMillis} (then the connection counts as open). Bounded by the read timeout overall.
     */
    public Outcome observe(int quietMillis) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + READ_TIMEOUT_MILLIS * 1_000_000L;
        byte[] buf = new byte[8192];
        try {
            socket.setSoTimeout(quietMillis);
            while (System.nanoTime() < deadline) {
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException quiet) {
                    return new Outcome(got.toByteArray(), false);
                }
                if (n < 0) {
                    return new Outcome(got.toByteArray(), true);
                }
                got.write(buf, 0, n);
            }
            throw new AssertionError("peer kept sending for " + READ_TIMEOUT_MILLIS + " ms: " + Bytes.visible(got.toByteArray()));
        } catch (SocketException e) {
            return new Outcome(got.toByteArray(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            } catch (SocketException ignored) {
                // closed already; the outcome says so
            }
        }
    }

    /** What the peer did after some input: the bytes it sent and whether it closed. */
    public record Outcome(byte[] bytes, boolean closed) {

        public String text() {
            return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return "'" + Bytes.visible(bytes) + "'" + (closed ? " +close" : " (open)");
        }
    }

    /** True if reading hits end of stream (the peer closed) rather than data or a timeout. */
    public boolean isClosedByPeer() {
        try {
            int b = in.read();
            return b < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one reply, or reports end of stream as {@code null} (for "reply then close" checks). */
    public Reply readOrNull() {
        try {
            return reader.read();
        } catch (EOFException | SocketException e) {
            return null;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no reply within " + READ_TIMEOUT_MILLIS + " ms", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing useful to do with a failed close in a test
        }
    }
}
