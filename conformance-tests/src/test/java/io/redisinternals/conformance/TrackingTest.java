package io.redisinternals.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Client-side caching (CLIENT TRACKING) against the reference: RESP3 invalidation pushes for the
 * keys a client read, sent once and after the reply of the client's own write, NOLOOP, null
 * invalidations on FLUSHALL/FLUSHDB, expiry, BCAST with prefixes (one message per batch, keys in
 * order), OPTIN/OPTOUT with CLIENT CACHING, RESP2 through a REDIRECT client subscribed to
 * __redis__:invalidate, TRACKINGINFO/GETREDIR and every option error. Client ids differ between
 * the servers and are masked where they appear.
 */
class TrackingTest extends ConformanceTestBase {

    private static String id(RawConnection c) {
        return c.call("CLIENT", "ID").text();
    }

    @AllConfigurations
    void defaultModeInvalidatesWhatWasRead(String config) throws InterruptedException {
        try (Differential a = Differential.open(config, 3); Differential b = Differential.open(config, 3)) {
            a.same("CLIENT", "TRACKING", "on");
            a.same("CLIENT", "GETREDIR");
            a.same("CLIENT", "TRACKINGINFO");
            a.same("SET", "k1", "v");
            a.same("GET", "k1");
            b.same("SET", "k1", "w");
            a.sameNextReply("invalidate k1");
            b.same("SET", "k1", "again");
            a.noReplyYet("invalidated once: k1 is forgotten until read again");
            a.same("GET", "k1");
            a.sameRaw(Bytes.command("SET", "k1", "mine"), 2); // the reply, then its own invalidation
            a.same("MGET", "k1", "k2");
            b.same("DEL", "k1", "k2");
            a.sameNextReply("invalidate k1");
            a.noReplyYet("k2 did not exist: DEL did not modify it");
            a.same("GET", "k1");
            b.same("FLUSHALL");
            a.sameNextReply("null invalidation");
            a.sameRaw(Bytes.command("FLUSHDB"), 2); // its own flush: reply, then the null
            a.same("GET", "e");
            b.same("SET", "e", "1", "PX", "400");
            a.sameNextReply("invalidate e (written)");
            a.same("GET", "e");
            Thread.sleep(800);
            a.sameNextReply("invalidate e (expired by the active cycle)");
            a.same("GET", "e");
            b.same(Normalize.infoField("tracking_total_keys"), "INFO", "stats");
            b.same(Normalize.infoField("tracking_total_items"), "INFO", "stats");
            a.same("CLIENT", "TRACKING", "off");
            a.same("CLIENT", "TRACKINGINFO");
        }
    }

    /**
     * Keys stay remembered after their client stops tracking (as Redis's table): a later write or
     * flush still forgets them, so INFO's counts agree whatever happened to the client.
     */
    @AllConfigurations
    void rememberedKeysOutliveTheirClient(String config) {
        try (Differential a = Differential.open(config, 3); Differential b = Differential.open(config, 3)) {
            a.same("CLIENT", "TRACKING", "on");
            a.same("GET", "k1");
            a.same("GET", "k2");
            a.same("CLIENT", "TRACKING", "off");
            b.same(Normalize.infoField("tracking_total_keys"), "INFO", "stats");
            b.same("SET", "k1", "v");
            b.same(Normalize.infoField("tracking_total_keys"), "INFO", "stats");
            b.same(Normalize.infoField("tracking_total_items"), "INFO", "stats");
            b.same("FLUSHALL");
            b.same(Normalize.infoField("tracking_total_keys"), "INFO", "stats");
            b.same(Normalize.infoField("tracking_total_items"), "INFO", "stats");
        }
    }

    /** CLIENT INFO shows tracking as Redis: flags t, B (BCAST), R (redirect gone) and redir=. */
    @AllConfigurations
    void clientInfoShowsTracking(String config) {
        try (Differential a = Differential.open(config, 2); Differential r = Differential.open(config, 2)) {
            a.same(Normalize.clientList(), "CLIENT", "INFO");
            a.same("CLIENT", "TRACKING", "on");
            a.same(Normalize.clientList(), "CLIENT", "INFO"); // t, redir=0
            a.same("CLIENT", "TRACKING", "off");
            long refRedirect = Long.parseLong(r.reference().call("CLIENT", "ID").text());
            long ourRedirect = Long.parseLong(r.ours().call("CLIENT", "ID").text());
            String refInfo = bcastRedirectInfo(a.reference(), refRedirect);
            String ourInfo = bcastRedirectInfo(a.ours(), ourRedirect);
            assertEquals(refInfo.replace("redir=" + refRedirect, "redir=<id>"),
                    ourInfo.replace("redir=" + ourRedirect, "redir=<id>"));
            r.close(); // the redirect client goes away: the next invalidation marks the tracker R
            awaitGone(a.reference(), refRedirect);
            awaitGone(a.ours(), ourRedirect);
            a.same("SET", "k", "v");
            assertEquals(bcastFlags(a.reference()), bcastFlags(a.ours()));
        }
    }

    private static void awaitGone(RawConnection c, long id) {
        for (int i = 0; i < 200 && c.call("CLIENT", "LIST").text().contains("id=" + id + " "); i++) {
            Differential.settle();
        }
    }

    private static String bcastFlags(RawConnection c) {
        for (String f : c.call("CLIENT", "INFO").text().trim().split(" ")) {
            if (f.startsWith("flags=")) {
                return f;
            }
        }
        return "no flags";
    }

    private static String bcastRedirectInfo(RawConnection c, long redirect) {
        c.call("CLIENT", "TRACKING", "on", "BCAST", "REDIRECT", Long.toString(redirect));
        String info = c.call("CLIENT", "INFO").text();
        StringBuilder kept = new StringBuilder();
        for (String f : info.trim().split(" ")) {
            if (f.startsWith("flags=") || f.startsWith("redir=")) {
                kept.append(f).append(' ');
            }
        }
        return kept.toString();
    }

    @AllConfigurations
    void noloopAndTransactions(String config) throws InterruptedException {
        try (Differential a = Differential.open(config, 3); Differential b = Differential.open(config, 3)) {
            a.same("CLIENT", "TRACKING", "on", "NOLOOP");
            a.same("GET", "n");
            a.same("SET", "n", "1");
            a.noReplyYet("NOLOOP: no invalidation for its own write");
            a.same("GET", "n");
            b.same("SET", "n", "2");
            a.sameNextReply("another client's write");
            a.same("CLIENT", "TRACKING", "on");
            a.same("GET", "n");
            a.same("MULTI");
            a.same("GET", "n");
            a.same("SET", "n", "3");
            a.sameRaw(Bytes.command("EXEC"), 2); // EXEC's reply whole, then the invalidation
        }
    }

    @AllConfigurations
    void broadcastWithPrefixes(String config) throws InterruptedException {
        try (Differential a = Differential.open(config, 3); Differential b = Differential.open(config, 3)) {
            a.same("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "a", "PREFIX", "ab");
            a.same("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "b", "PREFIX", "a", "NOLOOP");
            a.same("CLIENT", "TRACKINGINFO");
            a.same("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "bc");
            a.same("CLIENT", "TRACKING", "on");
            b.same("MSET", "a1", "1", "b2", "2", "c3", "3", "a0", "0");
            a.sameNextReply("prefix a: a0 a1, in key order");
            a.sameNextReply("prefix b: b2");
            a.same("SET", "a5", "x");
            a.noReplyYet("NOLOOP");
            b.same(Normalize.infoField("tracking_total_prefixes"), "INFO", "stats");
            a.same("CLIENT", "TRACKING", "off");
            b.same(Normalize.infoField("tracking_total_prefixes"), "INFO", "stats");
        }
    }

    @AllConfigurations
    void resp2ThroughARedirectClient(String config) throws InterruptedException {
        try (Differential r = Differential.open(config, 2); Differential b = Differential.open(config, 2);
             Differential a = Differential.open(config, 2)) {
            String refId = id(r.reference());
            String ourId = id(r.ours());
            r.sameRaw(Bytes.command("SUBSCRIBE", "__redis__:invalidate"), 1);
            b.reference().call("CLIENT", "TRACKING", "on", "REDIRECT", refId);
            b.ours().call("CLIENT", "TRACKING", "on", "REDIRECT", ourId);
            b.same("GET", "x");
            a.same("SET", "x", "1");
            r.sameNextReply("invalidation as a pub/sub message");
            b.same("CLIENT", "TRACKING", "on", "OPTIN");
            b.same("CLIENT", "TRACKING", "on", "OPTOUT");
            b.same("CLIENT", "CACHING", "no");
            b.same("CLIENT", "TRACKING", "off");
            b.same("CLIENT", "CACHING", "yes");
            b.reference().call("CLIENT", "TRACKING", "on", "OPTIN", "REDIRECT", refId);
            b.ours().call("CLIENT", "TRACKING", "on", "OPTIN", "REDIRECT", ourId);
            b.same("GET", "o1");
            b.same("CLIENT", "CACHING", "yes");
            b.same("GET", "o2");
            b.same("GET", "o3");
            b.same(Normalize.mapMasking("redirect"), "CLIENT", "TRACKINGINFO");
            a.same("MSET", "o1", "1", "o2", "2", "o3", "3");
            r.sameNextReply("only o2 was cached (CACHING yes applies to one command)");
            r.noReplyYet("nothing for o1 and o3");
        }
    }

    @AllConfigurationsBothProtocols
    void optionErrors(String config, int resp) {
        try (Differential d = Differential.open(config, resp)) {
            d.same("CLIENT", "TRACKING", "on", "REDIRECT", "999999");
            d.same("CLIENT", "TRACKING", "on", "REDIRECT", "x");
            d.same("CLIENT", "TRACKING", "on", "REDIRECT", "1", "REDIRECT", "2");
            d.same("CLIENT", "TRACKING", "maybe");
            d.same("CLIENT", "TRACKING", "on", "PREFIX", "a");
            d.same("CLIENT", "TRACKING", "on", "BCAST", "OPTIN");
            d.same("CLIENT", "TRACKING", "on", "OPTIN", "OPTOUT");
            d.same("CLIENT", "TRACKING", "on", "FOO");
            d.same("CLIENT", "TRACKING", "on", "PREFIX");
            d.same("CLIENT", "TRACKING");
            d.same("CLIENT", "CACHING", "yes");
            d.same("CLIENT", "CACHING", "maybe");
            d.same("CLIENT", "GETREDIR");
            d.same("CLIENT", "TRACKINGINFO");
            d.same("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "x", "PREFIX", "xy");
            d.same("CLIENT", "TRACKING", "on", "OPTOUT");
            d.same("CLIENT", "CACHING", "yes");
            d.same("CLIENT", "CACHING", "no");
            d.same("CLIENT", "TRACKINGINFO");
            d.same("CLIENT", "TRACKING", "on", "OPTIN");
            d.same("RESET");
            d.same("CLIENT", "TRACKINGINFO");
        }
    }
}
