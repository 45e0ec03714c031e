package io.redisinternals.persistence.rdb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds the old encodings (ziplist, zipmap) and raw RDB payload pieces by hand, from the formats'
 * documentation (ziplist.c and zipmap.c headers), independently of the production decoders: redis
 * 7.0 never writes these, so the tests make their own.
 */
final class Blobs {

    private Blobs() {
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A ziplist of {@code entries}: String (as a string entry) or Long (an integer entry, smallest encoding). */
    static byte[] ziplist(List<Object> entries) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int prev = 0;
        int tail = 10;
        for (Object e : entries) {
            ByteArrayOutputStream entry = new ByteArrayOutputStream();
            if (prev < 254) {
                entry.write(prev);
            } else {
                entry.write(0xFE);
                le(entry, prev, 4);
            }
            if (e instanceof Long v) {
                if (v >= 0 && v <= 12) {
                    entry.write(0xF1 + v.intValue());
                } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
                    entry.write(0xFE);
                    le(entry, v, 1);
                } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                    entry.write(0xC0);
                    le(entry, v, 2);
                } else if (v >= -(1 << 23) && v < (1 << 23)) {
                    entry.write(0xF0);
                    le(entry, v, 3);
                } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                    entry.write(0xD0);
                    le(entry, v, 4);
                } else {
                    entry.write(0xE0);
                    le(entry, v, 8);
                }
            } else {
                byte[] s = b((String) e);
                if (s.length <= 63) {
                    entry.write(s.length);
                } else if (s.length <= 16383) {
                    entry.write(0x40 | (s.length >> 8));
                    entry.write(s.length & 0xff);
                } else {
                    entry.write(0x80);
                    entry.write(s.length >>> 24);
                    entry.write((s.length >>> 16) & 0xff);
                    entry.write((s.length >>> 8) & 0xff);
                    entry.write(s.length & 0xff);
                }
                entry.writeBytes(s);
            }
            tail = 10 + body.size();
            prev = entry.size();
            body.writeBytes(entry.toByteArray());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        le(out, 10 + body.size() + 1, 4);
        le(out, tail, 4);
        le(out, Math.min(entries.size(), 65535), 2);
        out.writeBytes(body.toByteArray());
        out.write(0xFF);
        return out.toByteArray();
    }

    /** A zipmap of field/value pairs, with {@code free} unused bytes after each value. */
    static byte[] zipmap(List<String> pairs, int free) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Math.min(pairs.size() / 2, 254));
        for (int i = 0; i < pairs.size(); i += 2) {
            zipmapLength(out, b(pairs.get(i)).length);
            out.writeBytes(b(pairs.get(i)));
            zipmapLength(out, b(pairs.get(i + 1)).length);
            out.write(free);
            out.writeBytes(b(pairs.get(i + 1)));
            for (int k = 0; k < free; k++) {
                out.write(0);
            }
        }
        out.write(0xFF);
        return out.toByteArray();
    }

    private static void zipmapLength(ByteArrayOutputStream out, int len) {
        if (len < 254) {
            out.write(len);
        } else {
            out.write(254);
            le(out, len, 4);
        }
    }

    static void le(ByteArrayOutputStream out, long v, int n) {
        for (int i = 0; i < n; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    /** An RDB string in plain form: length then bytes. */
    static byte[] rdbString(byte[] s) {
        RdbOutput out = new RdbOutput(false);
        out.writeLength(s.length);
        out.writeBytes(s);
        return out.toByteArray();
    }
}
