package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * DUMP and RESTORE against the reference: the payload of every type and encoding is byte-equal
 * with redis-server 7.0.15's where Redis's bytes are a function of the value (strings, lists
 * filled by RPUSH, listpack hashes, intsets, both sorted set encodings); hashtable hashes and sets
 * follow a dict's order, so for them (and for every value) the payloads cross both ways and the
 * restored values are compared through the data commands. Then RESTORE's options and every error.
 */
class DumpRestoreTest extends ConformanceTestBase {

    private static final HexFormat HEX = HexFormat.of();
    /** Sizes of the payloads compared byte for byte (printed once: evidence the comparisons ran). */
    private static final List<Integer> DUMPED = java.util.Collections.synchronizedList(new ArrayList<>());

    @org.junit.jupiter.api.AfterAll
    static void report() {
        System.out.println("DumpRestoreTest: " + DUMPED.size() + " payloads byte-equal, "
                + DUMPED.stream().mapToLong(Integer::longValue).sum() + " bytes");
    }

    @AllConfigurations
    void stringsAreByteEqual(String config) {
        Random r = new Random(1);
        byte[] random = new byte[5000];
        r.nextBytes(random);
        List<byte[]> values = new ArrayList<>();
        for (String s : new String[] {"", "a", "0", "-1", "127", "128", "-128", "-129", "32767", "32768", "-32769",
                "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807",
                "-9223372036854775808", "01", "-0", "+1", "1.5", "12345678901", "123456789012", "hello world",
                "x".repeat(20), "x".repeat(21), "abcdefghijklmnopqrstuvwxyz0123456789", "ab".repeat(5000)}) {
            values.add(s.getBytes(StandardCharsets.UTF_8));
        }
        values.add(random);
        try (Differential d = Differential.open(config, 2).soft()) {
            for (byte[] v : values) {
                sameSend(d, "SET", "k", v);
                sameDump(d, "k");
                crossAndCompare(d, "k");
            }
            // an appended (raw) string and an INCR-ed integer
            d.same("DEL", "k");
            d.same("APPEND", "k", "12");
            d.same("APPEND", "k", "34");
            sameDump(d, "k");
            d.same("INCRBY", "k", "100000");
            sameDump(d, "k");
            d.same("INCRBYFLOAT", "k", "1.5");
            sameDump(d, "k");
            d.same("CONFIG", "SET", "rdbcompression", "no");
            sameSend(d, "SET", "k", "ab".repeat(100).getBytes(StandardCharsets.US_ASCII));
            sameDump(d, "k");
            d.same("CONFIG", "SET", "rdbcompression", "yes");
            d.assertNoMismatches();
        }
    }

    @AllConfigurations
    void listsAreByteEqual(String config) {
        try (Differential d = Differential.open(config, 2).soft()) {
            pushAll(d, "l", "a", "b", "1", "-1", "300", "-5000", "70000", "-9000000", "3000000000", "x".repeat(70),
                    "y".repeat(5000), "9223372036854775807", "");
            sameDump(d, "l");
            crossAndCompare(d, "l");
            // many nodes: 3000 mixed elements under the default fill, then under a count fill
            d.same("DEL", "l");
            List<String> many = new ArrayList<>();
            Random r = new Random(2);
            for (int i = 0; i < 3000; i++) {
                many.add(r.nextBoolean() ? Integer.toString(r.nextInt(200000) - 100000) : "e" + "z".repeat(r.nextInt(90)));
            }
            for (int i = 0; i < many.size(); i += 300) {
                pushAll(d, "l", many.subList(i, i + 300).toArray(new String[0]));
            }
            sameDump(d, "l");
            crossAndCompare(d, "l");
            for (String fill : new String[] {"5", "-1", "-5", "0"}) {
                d.same("CONFIG", "SET", "list-max-listpack-size", fill);
                d.same("DEL", "l2");
                for (int i = 0; i < 600; i += 300) {
                    pushAll(d, "l2", many.subList(i, i + 300).toArray(new String[0]));
                }
                sameDump(d, "l2");
                crossAndCompare(d, "l2");
            }
            d.same("CONFIG", "SET", "list-max-listpack-size", "-2");
            // elements popped from the head keep the rest of the nodes as they were only in Redis: compare values
            d.same("LPOP", "l", "10");
            crossAndCompare(d, "l");
            // elements bigger than a node's limit get a node of their own
            pushAll(d, "big", "a", "b".repeat(10000), "c", "d".repeat(9000), "e".repeat(9000), "f");
            sameDump(d, "big");
            crossAndCompare(d, "big");
            // a list shaped by head pushes: Redis's nodes are cut from the other end, values compared
            for (int i = 0; i < 3000; i += 300) {
                List<String> args = new ArrayList<>(List.of("LPUSH", "left"));
                args.addAll(many.subList(i, i + 300));
                d.same(args.toArray(new String[0]));
            }
            crossAndCompare(d, "left");
            d.same("LINSERT", "left", "BEFORE", many.get(1500), "inserted");
            crossAndCompare(d, "left");
            d.assertNoMismatches();
        }
    }

    @AllConfigurations
    void hashesCrossAndListpacksAreByteEqual(String config) {
        try (Differential d = Differential.open(config, 2).soft()) {
            d.same("HSET", "h", "f1", "v1", "n", "12", "neg", "-7", "big", "123456789012345", "empty", "");
            d.same("HSET", "h", "f1", "changed");
            d.same("HDEL", "h", "n");
            sameDump(d, "h");
            crossAndCompare(d, "h");
            d.same("HSET", "packed", "a", "x".repeat(30), "b", "x".repeat(30), "c", "x".repeat(30));
            sameDump(d, "packed"); // the listpack blob itself LZF-compressed
            crossAndCompare(d, "packed");
            d.same("HSET", "h", "long", "v".repeat(65)); // past hash-max-listpack-value: a hashtable
            d.same("OBJECT", "ENCODING", "h");
            crossAndCompare(d, "h");
            d.same("DEL", "h");
            for (int i = 0; i < 600; i += 100) {
                List<String> args = new ArrayList<>(List.of("HSET", "h"));
                for (int j = i; j < i + 100; j++) {
                    args.add("field" + j);
                    args.add(Integer.toString(j * 7));
                }
                d.same(args.toArray(new String[0]));
            }
            d.same("OBJECT", "ENCODING", "h");
            crossAndCompare(d, "h");
            d.assertNoMismatches();
        }
    }

    @AllConfigurations
    void setsCrossAndIntsetsAreByteEqual(String config) {
        try (Differential d = Differential.open(config, 2).soft()) {
            d.same("SADD", "s", "1", "5", "-3", "100");
            sameDump(d, "s");
            d.same("SADD", "s", "70000");
            sameDump(d, "s");
            d.same("SADD", "s", "-9000000000");
            sameDump(d, "s");
            d.same("SREM", "s", "-9000000000", "70000"); // the width stays
            sameDump(d, "s");
            crossAndCompare(d, "s");
            d.same("SADD", "s", "member");
            d.same("OBJECT", "ENCODING", "s");
            crossAndCompare(d, "s");
            d.same("DEL", "s");
            List<String> args = new ArrayList<>(List.of("SADD", "s"));
            for (int i = 0; i < 700; i++) {
                args.add(Integer.toString(i * 3));
            }
            d.same(args.toArray(new String[0]));
            d.same("OBJECT", "ENCODING", "s");
            crossAndCompare(d, "s");
            d.assertNoMismatches();
        }
    }

    @AllConfigurations
    void sortedSetsAreByteEqual(String config) {
        try (Differential d = Differential.open(config, 2).soft()) {
            d.same("ZADD", "z", "1", "a", "2.5", "b", "-3", "c", "inf", "d", "-inf", "e", "0", "f", "1e300", "g",
                    "0.1", "h", "123456789012", "i", "3", "7", "-0", "negzero", "4611686018427387904", "big");
            sameDump(d, "z");
            crossAndCompare(d, "z");
            d.same("ZADD", "z", "5", "m".repeat(65)); // past zset-max-listpack-value: a skiplist
            d.same("OBJECT", "ENCODING", "z");
            sameDump(d, "z");
            crossAndCompare(d, "z");
            d.same("DEL", "z");
            List<String> args = new ArrayList<>(List.of("ZADD", "z"));
            Random r = new Random(3);
            for (int i = 0; i < 300; i++) {
                args.add(Double.toString(r.nextInt(1000) / 8.0));
                args.add("m" + i);
            }
            d.same(args.toArray(new String[0]));
            d.same("OBJECT", "ENCODING", "z");
            sameDump(d, "z");
            crossAndCompare(d, "z");
            d.assertNoMismatches();
        }
    }

    @AllConfigurations
    void restoreOptionsAndErrors(String config) {
        try (Differential d = Differential.open(config, 2).soft()) {
            d.same("DUMP", "missing");
            d.same("SET", "k", "value");
            byte[] payload = d.reference().call("DUMP", "k").payload();
            sameSend(d, "RESTORE", "k", "0", payload);
            sameSend(d, "RESTORE", "k", "0", payload, "REPLACE");
            sameSend(d, "RESTORE", "k2", "-1", payload);
            sameSend(d, "RESTORE", "k2", "x", payload);
            sameSend(d, "RESTORE", "k2", "0", payload, "BAD");
            sameSend(d, "RESTORE", "k2", "0", payload, "IDLETIME");
            sameSend(d, "RESTORE", "k2", "0", payload, "IDLETIME", "-1");
            sameSend(d, "RESTORE", "k2", "0", payload, "IDLETIME", "x");
            sameSend(d, "RESTORE", "k2", "0", payload, "FREQ", "256");
            sameSend(d, "RESTORE", "k2", "0", payload, "FREQ", "-1");
            sameSend(d, "RESTORE", "k2", "0", payload, "FREQ", "1", "IDLETIME", "1");
            sameSend(d, "RESTORE", "k2", "0", payload, "IDLETIME", "1", "FREQ", "1");
            sameSend(d, "RESTORE", "k", "-1", payload, "BAD"); // options are checked first
            sameSend(d, "RESTORE", "k", "-1", payload); // then the key, then the TTL
            byte[] corrupt = payload.clone();
            corrupt[1] ^= 1;
            sameSend(d, "RESTORE", "k3", "0", corrupt);
            byte[] newer = payload.clone();
            newer[newer.length - 10] = 11;
            sameSend(d, "RESTORE", "k3", "0", newer);
            sameSend(d, "RESTORE", "k3", "0", "short".getBytes(StandardCharsets.US_ASCII));
            sameSend(d, "RESTORE", "k3", "0", withFooter(new byte[] {0, 5, 'a'})); // truncated string
            sameSend(d, "RESTORE", "k3", "0", withFooter(new byte[] {8, 1, 'a'})); // type 8 does not exist
            sameSend(d, "RESTORE", "k3", "0", withFooter(new byte[] {1, 0})); // an empty list
            sameSend(d, "RESTORE", "k3", "0", withFooter(new byte[] {2, 2, 1, 'a', 1, 'a'})); // duplicate member
            sameSend(d, "RESTORE", "k3", "0", withFooter(new byte[] {11, 4, 2, 0, 0, 0})); // intset cut short
            byte[] older = withFooter(new byte[] {0, 1, 'a'}, 6);
            sameSend(d, "RESTORE", "k3", "0", older);
            d.same("GET", "k3");
            // TTLs: relative, absolute, absolute in the past (with and without an old key)
            sameSend(d, "RESTORE", "t1", "100000", payload);
            d.same("EXISTS", "t1");
            d.same(Normalize.anyInteger(), "PTTL", "t1");
            long future = System.currentTimeMillis() + 1_000_000;
            sameSend(d, "RESTORE", "t2", Long.toString(future), payload, "ABSTTL");
            d.same("PEXPIRETIME", "t2");
            sameSend(d, "RESTORE", "t3", "1", payload, "ABSTTL");
            d.same("EXISTS", "t3");
            sameSend(d, "RESTORE", "t2", "1", payload, "ABSTTL", "REPLACE");
            d.same("EXISTS", "t2");
            // IDLETIME and FREQ set the access stamp as the policy reads it
            sameSend(d, "RESTORE", "i1", "0", payload, "IDLETIME", "1000");
            d.same("OBJECT", "IDLETIME", "i1");
            d.same("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
            sameSend(d, "RESTORE", "f1", "0", payload, "FREQ", "100");
            d.same("OBJECT", "FREQ", "f1");
            d.same("CONFIG", "SET", "maxmemory-policy", "noeviction");
            d.same("RESTORE", "k");
            d.same("DUMP");
            d.assertNoMismatches();
        }
    }

    /**
     * sanitize-dump-payload: a listpack hash whose backlen is wrong (checksum recomputed) loads with
     * "no", as Redis only checks the header then, and is refused with "yes" and "clients".
     */
    @AllConfigurations
    void sanitizeDumpPayload(String config) {
        try (Differential d = Differential.open(config, 2).soft()) {
            d.same("HSET", "h", "field", "value", "n", "5");
            byte[] p = d.reference().call("DUMP", "h").payload();
            byte[] body = Arrays.copyOf(p, p.length - 10);
            // type 16, string length, then the listpack: header (6), "field" entry 0x85 + 5 bytes, backlen
            assertEquals(16, body[0]);
            int backlen = 2 + 6 + 6;
            assertEquals(6, body[backlen]);
            body[backlen] = 7;
            byte[] bad = withFooter(body);
            d.same("CONFIG", "GET", "sanitize-dump-payload");
            sameSend(d, "RESTORE", "h2", "0", bad);
            // not read back: redis-server asserts (and exits) when it walks the bad entry later,
            // the risk "no" takes; ours walked the blob once, bounds-checked, and holds a sound hash
            d.same("DEL", "h2");
            d.same("CONFIG", "SET", "sanitize-dump-payload", "yes");
            sameSend(d, "RESTORE", "h3", "0", bad);
            d.same("EXISTS", "h3");
            sameSend(d, "RESTORE", "h4", "0", p);
            d.same(Normalize.unorderedMap(), "HGETALL", "h4");
            d.same("CONFIG", "SET", "sanitize-dump-payload", "clients");
            sameSend(d, "RESTORE", "h5", "0", bad);
            d.same("CONFIG", "SET", "sanitize-dump-payload", "bogus");
            d.same("CONFIG", "SET", "sanitize-dump-payload", "no");
            d.assertNoMismatches();
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static void pushAll(Differential d, String key, String... values) {
        List<String> args = new ArrayList<>(List.of("RPUSH", key));
        args.addAll(Arrays.asList(values));
        d.same(args.toArray(new String[0]));
    }

    /** Both DUMP payloads, as hex. */
    private static void sameDump(Differential d, String key) {
        byte[] ref = d.reference().call("DUMP", key).payload();
        byte[] ours = d.ours().call("DUMP", key).payload();
        org.junit.jupiter.api.Assertions.assertNotNull(ref, "the reference has " + key);
        assertEquals(HEX.formatHex(ref), ours == null ? null : HEX.formatHex(ours), "DUMP " + key);
        DUMPED.add(ref.length);
    }

    /**
     * Restores the reference's payload into ours and ours into the reference under a second name,
     * then compares the values (and encodings) key by key on both sides.
     */
    private static void crossAndCompare(Differential d, String key) {
        byte[] ref = d.reference().call("DUMP", key).payload();
        byte[] ours = d.ours().call("DUMP", key).payload();
        String copy = key + ":restored";
        assertEquals("+OK", send(d.ours(), "RESTORE", copy, "0", ref, "REPLACE").rawText().trim(), "ours restores the reference's");
        assertEquals("+OK", send(d.reference(), "RESTORE", copy, "0", ours, "REPLACE").rawText().trim(),
                "the reference restores ours");
        compareValues(d, key);
        compareValues(d, copy);
        d.same("DEL", copy);
    }

    private static void compareValues(Differential d, String key) {
        String type = d.same("TYPE", key).text();
        d.same("OBJECT", "ENCODING", key);
        switch (type) {
            case "string" -> d.same("GET", key);
            case "list" -> d.same("LRANGE", key, "0", "-1");
            case "hash" -> d.same(Normalize.unorderedMap(), "HGETALL", key);
            case "set" -> d.same(Normalize.unorderedArray(), "SMEMBERS", key);
            case "zset" -> d.same("ZRANGE", key, "0", "-1", "WITHSCORES");
            default -> throw new AssertionError(type);
        }
    }

    private static void sameSend(Differential d, String a0, String a1, Object... rest) {
        Reply ref = send(d.reference(), a0, a1, rest);
        Reply ours = send(d.ours(), a0, a1, rest);
        assertEquals(ref.rawText(), ours.rawText(), a0 + " " + a1 + " " + Arrays.toString(rest));
    }

    /** Sends a command whose arguments are Strings or byte arrays. */
    private static Reply send(RawConnection c, String a0, String a1, Object... rest) {
        List<byte[]> args = new ArrayList<>();
        args.add(a0.getBytes(StandardCharsets.UTF_8));
        args.add(a1.getBytes(StandardCharsets.UTF_8));
        for (Object o : rest) {
            args.add(o instanceof byte[] b ? b : o.toString().getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : args) {
            out.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(a);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return c.send(out.toByteArray()).read();
    }

    static byte[] withFooter(byte[] body) {
        return withFooter(body, 10);
    }

    /** {@code body} with an RDB version and the CRC-64 the reference's payloads carry. */
    static byte[] withFooter(byte[] body, int version) {
        byte[] p = Arrays.copyOf(body, body.length + 2);
        p[body.length] = (byte) version;
        long crc = crc64(p);
        byte[] r = Arrays.copyOf(p, p.length + 8);
        for (int i = 0; i < 8; i++) {
            r[p.length + i] = (byte) (crc >>> (8 * i));
        }
        return r;
    }

    /** CRC-64/Jones, bit by bit (an independent check of the production table). */
    private static long crc64(byte[] b) {
        long poly = Long.reverse(0xad93d23594c935a9L);
        long crc = 0;
        for (byte x : b) {
            crc ^= x & 0xff;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ poly : crc >>> 1;
            }
        }
        return crc;
    }
}
