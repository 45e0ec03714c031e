package io.redisinternals.conformance;

/** SORT and SORT_RO over lists, sets and sorted sets, byte for byte against the reference. */
class SortCommandTest extends ConformanceTestBase {

    @AllConfigurationsBothProtocols
    void numericAlphaLimitAndOrder(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("RPUSH", "l", "3", "1", "2", "10", "-5", "2.5", "1e2", "0x10", " 7");
            d.same("SORT", "l");
            d.same("SORT", "l", "DESC");
            d.same("SORT", "l", "ALPHA");
            d.same("SORT", "l", "ALPHA", "DESC");
            for (String[] limit : new String[][] {{"0", "3"}, {"2", "2"}, {"-1", "2"}, {"5", "-1"}, {"100", "5"},
                    {"0", "0"}, {"8", "100"}, {"9223372036854775807", "9223372036854775807"}, {"-9223372036854775808", "1"}}) {
                d.same("SORT", "l", "LIMIT", limit[0], limit[1]);
                d.same("SORT", "l", "LIMIT", limit[0], limit[1], "DESC", "ALPHA");
            }
            d.same("RPUSH", "bad", "1", "x", "2");
            d.same("SORT", "bad");
            d.same("SORT", "bad", "ALPHA");
            d.same("RPUSH", "ties", "b", "a", "c");
            d.same("SORT", "ties", "BY", "nokey_*"); // all weights 0: ordered by the elements' bytes
            d.same("RPUSH", "nan", "nan");
            d.same("SORT", "nan");
            d.same("RPUSH", "empties", "", "0", "-0");
            d.same("SORT", "empties");
            d.same("SORT", "missing");
            d.same("SORT", "missing", "STORE", "dst");
            // Last: redis-server checks errno without clearing it first, so after this ERANGE its next
            // SORT in the same read cycle may fail too (a Redis quirk not worth copying).
            d.same("RPUSH", "big", "1e400");
            d.same("SORT", "big");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void byAndGetPatterns(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("RPUSH", "ids", "1", "2", "3", "4");
            d.same("MSET", "w_1", "40", "w_2", "10", "w_3", "30", "name_1", "one", "name_2", "two", "name_4", "four");
            d.same("HSET", "h_1", "age", "9", "nick", "a");
            d.same("HSET", "h_2", "age", "3", "nick", "b");
            d.same("HSET", "h_3", "age", "5");
            d.same("SORT", "ids", "BY", "w_*");
            d.same("SORT", "ids", "BY", "w_*", "DESC");
            d.same("SORT", "ids", "BY", "w_*", "GET", "name_*");
            d.same("SORT", "ids", "BY", "w_*", "GET", "#", "GET", "name_*", "GET", "h_*->nick");
            d.same("SORT", "ids", "BY", "h_*->age");
            d.same("SORT", "ids", "BY", "h_*->age", "GET", "h_*->age");
            d.same("SORT", "ids", "BY", "name_*", "ALPHA");
            d.same("SORT", "ids", "BY", "nosort");
            d.same("SORT", "ids", "BY", "nosort", "DESC", "LIMIT", "1", "2");
            d.same("SORT", "ids", "BY", "nosort", "GET", "name_*");
            d.same("SORT", "ids", "GET", "h_*->");
            d.same("SORT", "ids", "GET", "nostar");
            // missing compare values sort first; their tie order is the C library's qsort's
            // (glibc's is stable, musl's is not)
            d.sameAsGlibc("*4\r\n$1\r\n3\r\n$1\r\n4\r\n$1\r\n1\r\n$1\r\n2\r\n",
                    "SORT", "ids", "BY", "h_*->nick", "ALPHA");
            d.same("SET", "notahash_1", "x");
            d.same("SORT", "ids", "GET", "notahash_*->f");
            d.same("SORT", "ids", "BY", "w_*", "LIMIT", "1", "2", "GET", "#");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void setsAndSortedSets(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("SADD", "ints", "5", "-3", "12", "0");
            d.same("SORT", "ints");
            d.same("SORT", "ints", "DESC");
            d.same("SORT", "ints", "BY", "nosort"); // an intset's own (ascending) order
            d.same("SADD", "words", "pear", "apple", "fig");
            d.same("SORT", "words", "ALPHA");
            d.same("SORT", "words", "BY", "nosort", "STORE", "dst"); // stored: forced ALPHA
            d.same("LRANGE", "dst", "0", "-1");
            d.same("ZADD", "z", "3", "c", "1", "a", "2", "b", "2", "bb");
            d.same("SORT", "z", "ALPHA");
            d.same("SORT", "z", "BY", "nosort");
            d.same("SORT", "z", "BY", "nosort", "DESC");
            d.same("SORT", "z", "BY", "nosort", "LIMIT", "1", "2");
            d.same("SORT", "z", "BY", "nosort", "DESC", "LIMIT", "1", "2");
            d.same("SORT", "z", "BY", "nosort", "LIMIT", "10", "2");
            d.same("OBJECT", "ENCODING", "z"); // SORT converts a small sorted set, as Redis
            d.same("SORT", "z");
            d.assertNoMismatches();
        }
    }

    @AllConfigurationsBothProtocols
    void storeAndErrors(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            d.same("RPUSH", "l", "2", "1", "3");
            d.same("SET", "dst", "old", "EX", "100");
            d.same("SORT", "l", "STORE", "dst");
            d.same("TYPE", "dst");
            d.same("TTL", "dst");
            d.same("LRANGE", "dst", "0", "-1");
            d.same("OBJECT", "ENCODING", "dst");
            d.same("SORT", "l", "GET", "nokey_*", "STORE", "dst2");
            d.same("LRANGE", "dst2", "0", "-1");
            d.same("SORT", "l", "LIMIT", "5", "1", "STORE", "dst"); // empty result deletes the destination
            d.same("EXISTS", "dst");
            d.same("SORT", "l", "STORE", "a", "STORE", "b");
            d.same("EXISTS", "a", "b");
            d.same("SET", "s", "x");
            d.same("SORT", "s");
            d.same("HSET", "h", "f", "v");
            d.same("SORT", "h");
            d.same("SORT", "l", "LIMIT", "1");
            d.same("SORT", "l", "LIMIT", "a", "1");
            d.same("SORT", "l", "LIMIT", "1", "b");
            d.same("SORT", "l", "BY");
            d.same("SORT", "l", "GET");
            d.same("SORT", "l", "NOSUCHOPTION");
            d.same("SORT", "l", "STORE");
            d.same("SORT_RO", "l", "STORE", "x");
            d.same("SORT_RO", "l", "DESC", "LIMIT", "0", "2");
            d.same("SORT_RO", "s");
            d.same("SORT");
            d.same("SORT_RO");
            d.same("COMMAND", "GETKEYS", "SORT", "l", "LIMIT", "0", "1", "STORE", "d", "GET", "x_*");
            d.same("COMMAND", "GETKEYS", "SORT", "l");
            d.same("COMMAND", "GETKEYSANDFLAGS", "SORT", "l", "STORE", "d");
            d.same("COMMAND", "GETKEYS", "SORT_RO", "l", "BY", "w_*");
            d.assertNoMismatches();
        }
    }

    /**
     * BY a constant pattern keeps a list's or sorted set's own order, DESC walking it from the end
     * (a sorted set's DESC LIMIT 0 1 is its last member), with LIMIT offsets counted in that
     * direction, for a listpack- and a skiplist-encoded sorted set, with GET and STORE, and LIMITs
     * whose offset plus count overflow (clamped to the size as redis-server 7.0.15).
     */
    @AllConfigurationsBothProtocols
    void noSortReadsTheSourceOrderInBothDirections(String config, int resp) {
        try (Differential d = Differential.open(config, resp).soft()) {
            String longMember = "m".repeat(70); // longer than zset-max-listpack-value: a skiplist
            d.same("ZADD", "zl", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
            d.same("ZADD", "zs", "1", "a", "2", "b", "3", "c", "4", "d", "5", longMember);
            d.same("RPUSH", "l", "5", "3", "1", "4", "2");
            d.same("OBJECT", "ENCODING", "zl");
            d.same("OBJECT", "ENCODING", "zs");
            String[][] limits = {{"0", "1"}, {"1", "2"}, {"0", "3"}, {"3", "5"}, {"4", "1"}, {"5", "1"}, {"0", "-1"},
                {"2", "-1"}, {"-3", "2"}, {"0", "0"}, {"2", "9223372036854775807"},
                {"9223372036854775807", "9223372036854775807"}, {"-9223372036854775808", "2"}};
            for (String key : new String[] {"zl", "zs", "l"}) {
                for (String order : new String[] {"ASC", "DESC"}) {
                    d.same("SORT", key, "BY", "nosort", order);
                    for (String[] limit : limits) {
                        d.same("SORT", key, "BY", "nosort", order, "LIMIT", limit[0], limit[1]);
                        d.same("SORT", key, "BY", "nosort", "LIMIT", limit[0], limit[1], order, "GET", "#");
                    }
                    d.same("SORT", key, "BY", "nosort", order, "LIMIT", "1", "3", "STORE", "dst");
                    d.same("LRANGE", "dst", "0", "-1");
                }
                d.same("SORT", key, "LIMIT", "2", "9223372036854775807", "ALPHA");
                d.same("SORT", key, "DESC", "LIMIT", "9223372036854775807", "9223372036854775807", "ALPHA");
            }
            d.assertNoMismatches();
        }
    }
}
