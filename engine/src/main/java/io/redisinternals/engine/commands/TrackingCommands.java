package io.redisinternals.engine.commands;

import io.redisinternals.engine.EngineContext;
import io.redisinternals.engine.Session;
import io.redisinternals.engine.Tracking;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * CLIENT TRACKING, CACHING, GETREDIR and TRACKINGINFO: client-side caching as Redis 7.0's
 * networking.c parses and reports it; the tables and messages are {@link Tracking}'s.
 */
final class TrackingCommands {

    private TrackingCommands() {
    }

    /** CLIENT TRACKING ON|OFF [REDIRECT id] [PREFIX p ...] [BCAST] [OPTIN] [OPTOUT] [NOLOOP]. */
    static void tracking(EngineContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        Session c = ctx.session();
        long redirect = 0;
        boolean bcast = false;
        boolean optin = false;
        boolean optout = false;
        boolean noloop = false;
        List<byte[]> prefixes = new ArrayList<>();
        for (int j = 3; j < argv.count(); j++) {
            boolean more = j < argv.count() - 1;
            if (argv.equalsIgnoreCase(j, "redirect") && more) {
                j++;
                if (redirect != 0) {
                    out.error("ERR A client can only redirect to a single other client");
                    return;
                }
                try {
                    redirect = argv.longValue(j);
                } catch (NumberFormatException e) {
                    out.raw(Replies.NOT_INTEGER);
                    return;
                }
                if (ctx.engine().client(redirect) == null) {
                    out.error("ERR The client ID you want redirect to does not exist");
                    return;
                }
            } else if (argv.equalsIgnoreCase(j, "bcast")) {
                bcast = true;
            } else if (argv.equalsIgnoreCase(j, "optin")) {
                optin = true;
            } else if (argv.equalsIgnoreCase(j, "optout")) {
                optout = true;
            } else if (argv.equalsIgnoreCase(j, "noloop")) {
                noloop = true;
            } else if (argv.equalsIgnoreCase(j, "prefix") && more) {
                prefixes.add(argv.bytes(++j));
            } else {
                out.raw(Replies.SYNTAX_ERROR);
                return;
            }
        }
        Tracking.State s = c.tracking();
        if (argv.equalsIgnoreCase(2, "on")) {
            if (!bcast && !prefixes.isEmpty()) {
                out.error("ERR PREFIX option requires BCAST mode to be enabled");
                return;
            }
            if (s != null && s.bcast() != bcast) {
                out.error("ERR You can't switch BCAST mode on/off before disabling tracking for this client, "
                        + "and then re-enabling it with a different mode.");
                return;
            }
            if (bcast && (optin || optout)) {
                out.error("ERR OPTIN and OPTOUT are not compatible with BCAST");
                return;
            }
            if (optin && optout) {
                out.error("ERR You can't specify both OPTIN mode and OPTOUT mode");
                return;
            }
            if (s != null && ((optin && TrackingCommands.optout(s)) || (optout && TrackingCommands.optin(s)))) {
                out.error("ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, "
                        + "and then re-enabling it with a different mode.");
                return;
            }
            if (bcast) {
                String collision = Tracking.prefixCollision(s, prefixes);
                if (collision != null) {
                    out.error(collision);
                    return;
                }
            }
            ctx.engine().tracking().enable(c, redirect, bcast, optin, optout, noloop, prefixes);
        } else if (argv.equalsIgnoreCase(2, "off")) {
            ctx.engine().tracking().disable(c);
        } else {
            out.raw(Replies.SYNTAX_ERROR);
            return;
        }
        out.raw(Replies.OK);
    }

    private static boolean optin(Tracking.State s) {
        return Tracking.flags(s).contains("optin");
    }

    private static boolean optout(Tracking.State s) {
        return Tracking.flags(s).contains("optout");
    }

    /** CLIENT CACHING YES|NO: the next command's keys are (not) tracked, in OPTIN (OPTOUT) mode. */
    static void caching(EngineContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        Tracking.State s = ctx.session().tracking();
        if (s == null) {
            out.error("ERR CLIENT CACHING can be called only when the client is in tracking mode with "
                    + "OPTIN or OPTOUT mode enabled");
            return;
        }
        if (argv.equalsIgnoreCase(2, "yes")) {
            if (!optin(s)) {
                out.error("ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.");
                return;
            }
        } else if (argv.equalsIgnoreCase(2, "no")) {
            if (!optout(s)) {
                out.error("ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.");
                return;
            }
        } else {
            out.raw(Replies.SYNTAX_ERROR);
            return;
        }
        Tracking.caching(s, true);
        out.raw(Replies.OK);
    }

    /** CLIENT GETREDIR: the redirect client's id, 0 without one, -1 when tracking is off. */
    static void getredir(EngineContext ctx, Argv argv) {
        Tracking.State s = ctx.session().tracking();
        ctx.reply().integer(s == null ? -1 : s.redirect());
    }

    /** CLIENT TRACKINGINFO: flags (a set), redirect, prefixes. */
    static void trackinginfo(EngineContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        Tracking.State s = ctx.session().tracking();
        out.mapHeader(3);
        List<String> flags = s == null ? List.of("off") : Tracking.flags(s);
        out.bulk("flags").setHeader(flags.size());
        for (String f : flags) {
            out.bulk(f);
        }
        out.bulk("redirect").integer(s == null ? -1 : s.redirect());
        List<byte[]> prefixes = s == null ? List.of() : Tracking.prefixes(s);
        out.bulk("prefixes").arrayHeader(prefixes.size());
        for (byte[] p : prefixes) {
            out.bulk(p);
        }
    }
}
