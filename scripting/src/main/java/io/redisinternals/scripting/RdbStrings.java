package io.redisinternals.scripting;

import io.redisinternals.command.codec.Crc64;
import io.redisinternals.command.codec.Lzf;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * RDB's length and string encodings, the part FUNCTION DUMP/RESTORE need: lengths in 6, 14, 32
 * or 64 bits; strings plain, as 8/16/32-bit integers, or LZF-compressed.
 */
final class RdbStrings {

    private RdbStrings() {
    }

    /** Strings over this many bytes are tried compressed (Redis: shorter ones never compress). */
    private static final int COMPRESS_OVER = 20;

    /**
     * Writes {@code s} as Redis's rdbSaveRawString with rdbcompression on (its default; we have no
     * such setting): a decimal integer of up to 11 characters in its integer form, a string over
     * 20 bytes LZF-compressed when that saves at least 4 bytes, anything else plain.
     */
    static void write(ByteArrayOutputStream out, byte[] s) {
        if (s.length <= 11 && writeInteger(out, s)) {
            return;
        }
        if (s.length > COMPRESS_OVER) {
            byte[] packed = Lzf.compress(s, s.length - 4);
            if (packed != null) {
                out.write(0xC0 | 3);
                writeLength(out, packed.length);
                writeLength(out, s.length);
                out.writeBytes(packed);
                return;
            }
        }
        writeLength(out, s.length);
        out.writeBytes(s);
    }

    /** Redis's rdbTryIntegerEncoding: only a canonical decimal (it prints back the same) in 32 bits. */
    private static boolean writeInteger(ByteArrayOutputStream out, byte[] s) {
        long v;
        try {
            v = Long.parseLong(new String(s, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return false;
        }
        if (!java.util.Arrays.equals(Long.toString(v).getBytes(StandardCharsets.US_ASCII), s)) {
            return false;
        }
        int bytes;
        if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            out.write(0xC0);
            bytes = 1;
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            out.write(0xC1);
            bytes = 2;
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write(0xC2);
            bytes = 4;
        } else {
            return false;
        }
        for (int i = 0; i < bytes; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
        return true;
    }

    static void writeLength(ByteArrayOutputStream out, long len) {
        if (len < (1 << 6)) {
            out.write((int) len);
        } else if (len < (1 << 14)) {
            out.write(0x40 | (int) (len >> 8));
            out.write((int) len & 0xff);
        } else if (len <= 0xffffffffL) {
            out.write(0x80);
            for (int i = 3; i >= 0; i--) {
                out.write((int) (len >>> (8 * i)) & 0xff);
            }
        } else {
            out.write(0x81);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (len >>> (8 * i)) & 0xff);
            }
        }
    }

    /** Reads {@code data[0, end)}; running short is the error text the caller gives. */
    static final class Reader {
        private final byte[] data;
        private final int end;
        private int pos;
        private String failure;

        Reader(byte[] data, int end) {
            this.data = data;
            this.end = end;
        }

        int remaining() {
            return end - pos;
        }

        int readByte() {
            if (pos >= end) {
                throw new ScriptException("ERR can not read data type");
            }
            return data[pos++] & 0xff;
        }

        private int next() {
            if (pos >= end) {
                throw new ScriptException(failure);
            }
            return data[pos++] & 0xff;
        }

        private long bigEndian(int n) {
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 8) | next();
            }
            return v;
        }

        private long littleEndian(int n) {
            long v = 0;
            for (int i = 0; i < n; i++) {
                v |= (long) next() << (8 * i);
            }
            return v;
        }

        long length(String error) {
            failure = error;
            int first = next();
            return switch (first >> 6) {
                case 0 -> first & 0x3f;
                case 1 -> ((first & 0x3f) << 8) | next();
                case 2 -> switch (first) {
                    case 0x80 -> bigEndian(4);
                    case 0x81 -> bigEndian(8);
                    default -> throw new ScriptException(error);
                };
                default -> throw new ScriptException(error); // an encoded value is not a length
            };
        }

        byte[] string(String error) {
            failure = error;
            int first = next();
            if ((first >> 6) != 3) {
                pos--;
                long len = length(error);
                return bytes(len, error);
            }
            return switch (first & 0x3f) {
                case 0 -> text((byte) littleEndian(1));
                case 1 -> text((short) littleEndian(2));
                case 2 -> text((int) littleEndian(4));
                case 3 -> lzf(error);
                default -> throw new ScriptException(error);
            };
        }

        private static byte[] text(long v) {
            return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
        }

        private byte[] bytes(long len, String error) {
            if (len > end - pos) {
                throw new ScriptException(error);
            }
            byte[] b = java.util.Arrays.copyOfRange(data, pos, pos + (int) len);
            pos += (int) len;
            return b;
        }

        /**
         * An LZF-compressed string: compressed length, plain length, then the LZF stream. A plain
         * length the stream could not produce is refused before anything is allocated by it.
         */
        private byte[] lzf(String error) {
            long clen = length(error);
            long len = length(error);
            byte[] out = Lzf.decompress(bytes(clen, error), len);
            if (out == null) {
                throw new ScriptException(error);
            }
            return out;
        }
    }
}
