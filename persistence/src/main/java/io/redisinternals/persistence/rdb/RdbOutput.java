package io.redisinternals.persistence.rdb;

import io.redisinternals.command.codec.Crc64;
import io.redisinternals.command.codec.Lzf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/**
 * An append-only RDB byte sink: the format's primitives (lengths, strings with their integer and
 * LZF encodings, times, doubles) into a growable buffer, with a running CRC-64 over everything
 * written. A file writer drains the buffer to its channel whenever {@link #size()} grows past its
 * chunk, so a snapshot streams; a DUMP reads the whole {@link #toByteArray()}.
 *
 * <p>Not thread-safe: one writer.
 */
public final class RdbOutput {

    /** Strings over this many bytes are tried compressed (Redis's rdbSaveRawString). */
    private static final int COMPRESS_OVER = 20;
    /** rdbTryIntegerEncoding only looks at strings this short (an int32 in decimal is at most 11). */
    private static final int INTEGER_MAX_CHARS = 11;

    private final boolean compress;
    /** list-max-listpack-size, which cuts a list's quicklist nodes as Redis's would be. */
    private int listFill = -2;
    private byte[] buf;
    private int size;
    /** Bytes before buf[crcFrom] are folded into crc; the rest is folded lazily. */
    private int crcFrom;
    private long crc;
    /** LZF's hash table, kept between strings (created at the first compressed one). */
    private Lzf.Compressor lzf;
    /** Bytes written and already drained. */
    private long drained;

    /** @param compress rdbcompression: strings over 20 bytes are LZF-compressed when that saves space */
    public RdbOutput(boolean compress) {
        this(compress, 256);
    }

    public RdbOutput(boolean compress, int initialCapacity) {
        this.compress = compress;
        this.buf = new byte[Math.max(16, initialCapacity)];
    }

    public boolean compress() {
        return compress;
    }

    /** Sets list-max-listpack-size for the lists written from now on (default -2). */
    public RdbOutput listFill(int fill) {
        this.listFill = fill;
        return this;
    }

    public int listFill() {
        return listFill;
    }

    /** Bytes written since creation, drained ones included. */
    public long position() {
        return drained + size;
    }

    /** Bytes buffered, not drained yet. */
    public int size() {
        return size;
    }

    /** The CRC-64 of everything written so far. */
    public long crc() {
        foldCrc();
        return crc;
    }

    /** A copy of the buffered bytes (for a DUMP payload: all of them). */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Writes the buffered bytes to {@code channel} and empties the buffer. */
    public void drainTo(WritableByteChannel channel) throws IOException {
        foldCrc();
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, size);
        while (bb.hasRemaining()) {
            channel.write(bb);
        }
        drained += size;
        size = 0;
        crcFrom = 0;
    }

    private void foldCrc() {
        if (crcFrom < size) {
            crc = Crc64.update(crc, buf, crcFrom, size - crcFrom);
            crcFrom = size;
        }
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            long want = Math.max((long) buf.length * 2, (long) size + more);
            if (want > Integer.MAX_VALUE - 16) {
                want = (long) size + more;
                if (want > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("RDB output buffer over 2 GiB: drain it");
                }
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    public void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    public void writeBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    public void writeBytes(byte[] b) {
        writeBytes(b, 0, b.length);
    }

    /** A little-endian integer of {@code n} bytes. */
    public void writeLittleEndian(long v, int n) {
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
    }

    private void writeBigEndian(long v, int n) {
        ensure(n);
        for (int i = n - 1; i >= 0; i--) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
    }

    /** A length in RDB's 6, 14, 32 or 64 bits (big endian past the first byte). */
    public void writeLength(long len) {
        if (len < 0) {
            throw new IllegalArgumentException("negative length " + len);
        }
        if (len < (1 << 6)) {
            writeByte((int) len);
        } else if (len < (1 << 14)) {
            ensure(2);
            buf[size++] = (byte) ((RdbTypes.RDB_14BITLEN << 6) | (int) (len >> 8));
            buf[size++] = (byte) len;
        } else if (len <= 0xffffffffL) {
            writeByte(RdbTypes.RDB_32BITLEN);
            writeBigEndian(len, 4);
        } else {
            writeByte(RdbTypes.RDB_64BITLEN);
            writeBigEndian(len, 8);
        }
    }

    /** The bytes {@link #writeLength} would take for {@code len}. */
    public static int lengthSize(long len) {
        return len < (1 << 6) ? 1 : len < (1 << 14) ? 2 : len <= 0xffffffffL ? 5 : 9;
    }

    public void writeString(byte[] b) {
        writeString(b, 0, b.length);
    }

    /**
     * A string as Redis's rdbSaveRawString: a canonical decimal of at most 11 characters that fits
     * 32 bits as an 8/16/32-bit integer; over 20 bytes with compression on, LZF when that saves at
     * least 4 bytes; else its length and bytes.
     */
    public void writeString(byte[] b, int off, int len) {
        if (len <= INTEGER_MAX_CHARS) {
            long v = RdbNumbers.parseCanonical(b, off, len);
            if (v != RdbNumbers.NOT_CANONICAL && writeIntegerEncoded(v)) {
                return;
            }
        }
        if (compress && len > COMPRESS_OVER && writeLzf(b, off, len)) {
            return;
        }
        writeLength(len);
        writeBytes(b, off, len);
    }

    /**
     * An integer value as Redis's rdbSaveLongLongAsStringObject: its integer encoding when it fits
     * 32 bits, else its decimal digits as a plain string.
     */
    public void writeLongAsString(long v) {
        if (!writeIntegerEncoded(v)) {
            byte[] digits = Long.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            writeLength(digits.length);
            writeBytes(digits);
        }
    }

    /** rdbEncodeInteger: false when {@code v} does not fit 32 bits. */
    private boolean writeIntegerEncoded(long v) {
        if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            writeByte((RdbTypes.RDB_ENCVAL << 6) | RdbTypes.RDB_ENC_INT8);
            writeLittleEndian(v, 1);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            writeByte((RdbTypes.RDB_ENCVAL << 6) | RdbTypes.RDB_ENC_INT16);
            writeLittleEndian(v, 2);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            writeByte((RdbTypes.RDB_ENCVAL << 6) | RdbTypes.RDB_ENC_INT32);
            writeLittleEndian(v, 4);
        } else {
            return false;
        }
        return true;
    }

    /** rdbSaveLzfStringObject: only when the result is at least 4 bytes shorter. */
    private boolean writeLzf(byte[] b, int off, int len) {
        byte[] in = off == 0 && len == b.length ? b : Arrays.copyOfRange(b, off, off + len);
        if (lzf == null) {
            lzf = new Lzf.Compressor();
        }
        int packed = lzf.compress(in, len - 4);
        if (packed < 0) {
            return false;
        }
        writeByte((RdbTypes.RDB_ENCVAL << 6) | RdbTypes.RDB_ENC_LZF);
        writeLength(packed);
        writeLength(len);
        writeBytes(lzf.output(), 0, packed);
        return true;
    }

    /** Milliseconds (an expire time, a function's or LRU data): 8 bytes little endian. */
    public void writeMillis(long ms) {
        writeLittleEndian(ms, 8);
    }

    /** A binary double (ZSET_2 scores, RDB 8+): IEEE 754 little endian. */
    public void writeBinaryDouble(double d) {
        writeLittleEndian(Double.doubleToRawLongBits(d), 8);
    }
}
