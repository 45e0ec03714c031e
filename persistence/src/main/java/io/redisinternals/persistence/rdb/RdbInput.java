package io.redisinternals.persistence.rdb;

import io.redisinternals.command.codec.Crc64;
import io.redisinternals.command.codec.Lzf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads RDB primitives from a byte slice (a DUMP payload) or a channel (a file, read through a
 * buffer, never whole), keeping the offset (every error names it) and a running CRC-64 of the
 * bytes consumed.
 *
 * <p>Bounded: a length read from the input never sizes an allocation beyond what the input can
 * still hold (a slice's remaining bytes; a channel's data grows in chunks as it arrives), so a
 * corrupt length costs at most the bytes really present. Every failure is an
 * {@link RdbFormatException}; an I/O error of the channel is an {@link UncheckedIOException}.
 */
public final class RdbInput {

    private static final int CHANNEL_BUFFER = 64 * 1024;
    /** A string read from a channel starts at most this big and doubles as bytes arrive. */
    private static final int CHUNK = 1 << 20;

    private final ReadableByteChannel channel;
    private byte[] buf;
    private int pos;
    private int limit;
    /** The input offset of buf[0]. */
    private long base;
    private boolean eof;
    private long crc;
    /** Bytes before buf[crcFrom] are folded into crc. */
    private int crcFrom;

    private RdbInput(ReadableByteChannel channel, byte[] buf, int pos, int limit) {
        this.channel = channel;
        this.buf = buf;
        this.pos = pos;
        this.limit = limit;
        this.base = -pos;
        this.crcFrom = pos;
        this.eof = channel == null;
    }

    /** Reads {@code b[off, off + len)}; offsets count from {@code off}. */
    public static RdbInput of(byte[] b, int off, int len) {
        return new RdbInput(null, b, off, off + len);
    }

    public static RdbInput of(byte[] b) {
        return of(b, 0, b.length);
    }

    /** Reads a channel through a buffer of its own. */
    public static RdbInput of(ReadableByteChannel channel) {
        return new RdbInput(channel, new byte[CHANNEL_BUFFER], 0, 0);
    }

    /** Bytes consumed so far. */
    public long offset() {
        return base + pos;
    }

    /** The CRC-64 of the bytes consumed so far. */
    public long crc() {
        foldCrc();
        return crc;
    }

    /** Whether the input has no more bytes (may read a channel to find out). */
    public boolean atEnd() {
        return !fill(1);
    }

    /** Bytes left of a slice; for a channel, a lower bound (what is buffered). */
    public long remainingKnown() {
        return limit - pos;
    }

    private void foldCrc() {
        if (crcFrom < pos) {
            crc = Crc64.update(crc, buf, crcFrom, pos - crcFrom);
            crcFrom = pos;
        }
    }

    /** Makes {@code n} bytes (n <= the buffer) available at pos; false at end of input. */
    private boolean fill(int n) {
        if (limit - pos >= n) {
            return true;
        }
        if (eof) {
            return false;
        }
        foldCrc();
        int kept = limit - pos;
        if (n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
        }
        System.arraycopy(buf, pos, buf, 0, kept);
        base += pos;
        pos = 0;
        crcFrom = 0;
        limit = kept;
        try {
            while (limit < n) {
                int r = channel.read(ByteBuffer.wrap(buf, limit, buf.length - limit));
                if (r < 0) {
                    eof = true;
                    return false;
                }
                limit += r;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    private void need(int n, String what) {
        if (!fill(n)) {
            throw corrupt("unexpected end of input reading " + what);
        }
    }

    /** An error at the current offset. */
    public RdbFormatException corrupt(String message) {
        return new RdbFormatException(message, offset());
    }

    public int readByte() {
        need(1, "a byte");
        return buf[pos++] & 0xff;
    }

    public long readLittleEndian(int n, String what) {
        need(n, what);
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (buf[pos + i] & 0xffL) << (8 * i);
        }
        pos += n;
        return v;
    }

    private long readBigEndian(int n) {
        need(n, "a length");
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (buf[pos + i] & 0xffL);
        }
        pos += n;
        return v;
    }

    /** A length (6, 14, 32 or 64 bits); an encoded-string marker or a negative 64-bit one is corrupt. */
    public long readLength() {
        long len = readLengthOrEncoding();
        if (len < 0) {
            throw corrupt("an encoded value where a length was expected");
        }
        return len;
    }

    /**
     * A length, or {@code -1 - enc} when the first byte marks an encoded string of encoding
     * {@code enc} (RDB_ENC_*).
     */
    private long readLengthOrEncoding() {
        int first = readByte();
        switch (first >> 6) {
            case RdbTypes.RDB_6BITLEN:
                return first & 0x3f;
            case RdbTypes.RDB_14BITLEN:
                return ((first & 0x3f) << 8) | readByte();
            case RdbTypes.RDB_ENCVAL:
                return -1 - (first & 0x3f);
            default:
                if (first == RdbTypes.RDB_32BITLEN) {
                    return readBigEndian(4);
                }
                if (first == RdbTypes.RDB_64BITLEN) {
                    long len = readBigEndian(8);
                    if (len < 0) {
                        throw corrupt("length out of range");
                    }
                    return len;
                }
                throw corrupt("unknown length encoding " + first);
        }
    }

    /** A length that must fit an array (counts of elements, blob sizes). */
    public int readIntLength(String what) {
        long len = readLength();
        if (len > Integer.MAX_VALUE - 16) {
            throw corrupt(what + " length out of range: " + len);
        }
        return (int) len;
    }

    /** A string in any of its encodings (integers come back as their decimal digits). */
    public byte[] readString() {
        long len = readLengthOrEncoding();
        if (len >= 0) {
            if (len > Integer.MAX_VALUE - 16) {
                throw corrupt("string length out of range: " + len);
            }
            return readBytes((int) len);
        }
        int enc = (int) (-1 - len);
        switch (enc) {
            case RdbTypes.RDB_ENC_INT8:
                return decimal((byte) readLittleEndian(1, "an integer"));
            case RdbTypes.RDB_ENC_INT16:
                return decimal((short) readLittleEndian(2, "an integer"));
            case RdbTypes.RDB_ENC_INT32:
                return decimal((int) readLittleEndian(4, "an integer"));
            case RdbTypes.RDB_ENC_LZF: {
                long at = offset();
                int clen = readIntLength("compressed string");
                long plain = readLength();
                byte[] packed = readBytes(clen);
                if (plain == 0) {
                    throw new RdbFormatException("compressed string of length 0", at); // Redis refuses it too
                }
                byte[] out = Lzf.decompress(packed, plain);
                if (out == null) {
                    throw new RdbFormatException("invalid LZF compressed string", at);
                }
                return out;
            }
            default:
                throw corrupt("unknown string encoding " + enc);
        }
    }

    private static byte[] decimal(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    /** Exactly {@code n} raw bytes, allocated no faster than they arrive. */
    public byte[] readBytes(int n) {
        if (n < 0) {
            throw corrupt("negative length");
        }
        if (channel == null) {
            if (limit - pos < n) {
                throw corrupt("unexpected end of input reading " + n + " bytes (" + (limit - pos) + " left)");
            }
            byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return out;
        }
        byte[] out = new byte[Math.min(n, CHUNK)];
        int have = 0;
        while (have < n) {
            if (!fill(1)) {
                throw corrupt("unexpected end of input reading " + n + " bytes (" + have + " read)");
            }
            int take = Math.min(n - have, limit - pos);
            if (have + take > out.length) {
                out = Arrays.copyOf(out, (int) Math.min(n, Math.max((long) out.length * 2, have + take)));
            }
            System.arraycopy(buf, pos, out, have, take);
            pos += take;
            have += take;
        }
        return out;
    }

    /** Skips {@code n} bytes. */
    public void skip(long n) {
        while (n > 0) {
            if (!fill(1)) {
                throw corrupt("unexpected end of input skipping " + n + " bytes");
            }
            int take = (int) Math.min(n, limit - pos);
            pos += take;
            n -= take;
        }
    }

    /** Milliseconds: 8 bytes little endian. */
    public long readMillis() {
        return readLittleEndian(8, "a time in milliseconds");
    }

    /** Seconds (the old EXPIRETIME opcode): 4 bytes little endian, signed. */
    public int readSeconds() {
        return (int) readLittleEndian(4, "a time in seconds");
    }

    /** A binary double (ZSET_2): IEEE 754 little endian. */
    public double readBinaryDouble() {
        return Double.longBitsToDouble(readLittleEndian(8, "a double"));
    }

    /**
     * A double in the old string form (ZSET type 3): a length byte, 253 nan, 254 +inf, 255 -inf,
     * else that many ASCII characters of a %.17g decimal.
     */
    public double readStringDouble() {
        int len = readByte();
        switch (len) {
            case 253:
                return Double.NaN;
            case 254:
                return Double.POSITIVE_INFINITY;
            case 255:
                return Double.NEGATIVE_INFINITY;
            default:
                long at = offset();
                byte[] digits = readBytes(len);
                try {
                    return Double.parseDouble(new String(digits, StandardCharsets.US_ASCII));
                } catch (NumberFormatException e) {
                    throw new RdbFormatException("invalid double", at);
                }
        }
    }
}
