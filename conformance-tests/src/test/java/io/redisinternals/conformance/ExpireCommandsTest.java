package io.redisinternals.conformance;

import java.util.function.Function;

/**
 * EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, TTL, PTTL, EXPIRETIME, PEXPIRETIME and PERSIST, byte for
 * byte against the reference. TTLs are milliseconds long (PX 100 and short sleeps) so the suite
 * stays fast; remaining times, which depend on each server's clock, are compared as ranges.
 */
class ExpireCommandsTest extends ConformanceTestBase {

    /** A far future absolute time (ms), the same for both servers so EXPIRETIME replies are exact. */
    private static final long FUTURE_MS = 4_000_000_000_000L;

    /** An integer reply inside [low, high] reads as "in range", anything else as itself. */
    private static Function<Reply, String> between(long low, long high) {
        return r -> {
            if (r.type() == ':') {
                long v = Long.parseLong(r.text());
                if (v >= low && v <= high) {
                    return ":<in range>";
                }
            }
            return r.rawText();
        };
    }

    @AllConfigurationsBothProtocols
    void ttlFamilyOnMissingPersistentAndExpiringKeys(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            for (String c : new String[] {"TTL", "PTTL", "EXPIRETIME", "PEXPIRETIME", "PERSIST"}) {
                d.same(c, "missing");
            }
            d.same("SET", "k", "v");
            for (String c : new String[] {"TTL", "PTTL", "EXPIRETIME", "PEXPIRETIME", "PERSIST"}) {
                d.same(c, "k");
            }
            d.same("SET", "k", "v", "PX", "100");
            d.same("TTL", "k"); // 100 ms rounds to 0 s
            d.same(between(1, 100), "PTTL", "k");
            d.same("PEXPIREAT", "k", Long.toString(FUTURE_MS));
            d.same("PEXPIRETIME", "k");
            d.same("EXPIRETIME", "k");
            d.same("PEXPIREAT", "k", "9223372036854775807");
            d.same("PEXPIRETIME", "k");
            d.same("EXPIRETIME", "k");
            d.same("PERSIST", "k");
            d.same("PERSIST", "k");
            d.same("TTL", "k");
            d.same("ttl");
            d.same("PTTL", "a", "b");
            d.same("PERSIST");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void setTimes(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("EXPIRE", "missing", "100");
            d.same("PEXPIREAT", "missing", Long.toString(FUTURE_MS));
            d.same("SET", "k", "v");
            d.same("EXPIRE", "k", "100");
            d.same("TTL", "k");
            d.same("PEXPIRE", "k", "100000");
            d.same("TTL", "k");
            d.same("EXPIREAT", "k", Long.toString(FUTURE_MS / 1000));
            d.same("EXPIRETIME", "k");
            d.same("PEXPIRETIME", "k");
            d.same("PEXPIREAT", "k", Long.toString(FUTURE_MS + 1));
            d.same("PEXPIRETIME", "k");
            d.same("pexpire", "k", "100");
            d.same(between(1, 100), "PTTL", "k");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void pastTimesDelete(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            String[][] cases = {{"EXPIRE", "0"}, {"PEXPIRE", "-1"}, {"EXPIREAT", "1"}, {"PEXPIREAT", "0"},
                {"EXPIRE", "-9223372036854775"}, {"PEXPIRE", "-9223372036854775808"}};
            for (String[] c : cases) {
                d.same("SET", "k", "v");
                d.same(c[0], "k", c[1]);
                d.same("EXISTS", "k");
            }
            d.same("DBSIZE");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void conditions(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SET", "k", "v");
            d.same("EXPIRE", "k", "100", "XX");
            d.same("EXPIRE", "k", "100", "GT");
            d.same("EXPIRE", "k", "-1", "GT");
            d.same("EXISTS", "k");
            d.same("PEXPIREAT", "k", Long.toString(FUTURE_MS), "LT");
            d.same("PEXPIREAT", "k", Long.toString(FUTURE_MS), "NX");
            d.same("PEXPIREAT", "k", Long.toString(FUTURE_MS), "gt");
            d.same("PEXPIREAT", "k", Long.toString(FUTURE_MS), "lt");
            d.same("PEXPIREAT", "k", Long.toString(FUTURE_MS + 5), "GT", "xx");
            d.same("PEXPIREAT", "k", Long.toString(FUTURE_MS - 5), "LT", "XX", "LT");
            d.same("PEXPIRETIME", "k");
            d.same("EXPIRE", "k", "100", "nx");
            d.same("PEXPIRE", "missing", "100", "NX");
            d.same("EXPIRE", "k", "-1", "LT");
            d.same("EXISTS", "k");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void errors(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SET", "k", "v");
            d.same("EXPIRE", "k", "1", "NX", "XX");
            d.same("EXPIRE", "k", "1", "GT", "NX");
            d.same("PEXPIRE", "k", "1", "nx", "lt");
            d.same("EXPIREAT", "k", "1", "GT", "LT");
            d.same("PEXPIREAT", "k", "1", "XX", "foo");
            d.same("EXPIRE", "k", "abc", "foo");
            d.same("EXPIRE", "k", "1", "NX", "a\r\nb");
            d.same("EXPIRE", "missing", "abc");
            d.same("PEXPIRE", "k", "1.5");
            d.same("PEXPIRE", "k", "");
            d.same("EXPIRE", "k", "9223372036854776");
            d.same("EXPIRE", "k", "-9223372036854776");
            d.same("eXpIrE", "k", "9223372036854775");
            d.same("PEXPIRE", "k", "9223372036854775807");
            d.same("EXPIREAT", "k", "9223372036854776");
            d.same("PEXPIREAT", "k", "9223372036854775808");
            d.same("TTL", "k");
            d.same("EXPIRE", "k");
            d.same("PEXPIREAT");
            d.assertNoMismatches();
        }
    }

    /** A key whose short TTL has passed is gone for every command of the family. */
    @AllConfigurationsBothProtocols
    void expiredKeys(String config, int resp) throws InterruptedException {
        try (Differential d = Differential.open(config, resp).soft()) {
            String[] keys = {"ttl", "pttl", "expiretime", "pexpiretime", "persist", "expire", "kept"};
            for (String k : keys) {
                d.same("SET", k, "v", "PX", "100");
            }
            d.same("PERSIST", "kept");
            Thread.sleep(150);
            d.same("TTL", "ttl");
            d.same("PTTL", "pttl");
            d.same("EXPIRETIME", "expiretime");
            d.same("PEXPIRETIME", "pexpiretime");
            d.same("PERSIST", "persist");
            d.same("EXPIRE", "expire", "100");
            d.same("TTL", "kept");
            d.same("DBSIZE");
            d.assertNoMismatches();
        }
    }

    /**
     * Active expiry: with no command touching them, keys whose TTL passed are freed by the
     * periodic cycle on both servers, and both count them in INFO stats expired_keys.
     */
    @AllConfigurations
    void activeExpiryFreesKeysOfAnIdleServer(String config) throws InterruptedException {
        try (Differential d = Differential.open(config, 2).soft()) {
            d.same("CONFIG", "RESETSTAT");
            for (int i = 0; i < 300; i++) {
                d.same("SET", "short:" + i, "v", "PX", "10");
            }
            for (int i = 0; i < 5; i++) {
                d.same("SET", "long:" + i, "v");
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < deadline
                    && !(dbsize(d.reference()) == 5 && dbsize(d.ours()) == 5)) {
                Thread.sleep(50);
            }
            d.same("DBSIZE");
            d.same(Normalize.infoField("expired_keys"), "INFO", "stats");
            d.same("EXISTS", "long:0", "short:0");
            d.assertNoMismatches();
        }
    }

    private static long dbsize(RawConnection c) {
        return Long.parseLong(c.call("DBSIZE").text());
    }
}
