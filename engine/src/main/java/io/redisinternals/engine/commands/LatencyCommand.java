package io.redisinternals.engine.commands;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.command.CommandReplies;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.engine.Diagnostics;
import io.redisinternals.engine.EngineContext;
import io.redisinternals.engine.LatencyHistogram;
import io.redisinternals.engine.LatencyMonitor;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.ReplyWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * LATENCY LATEST / HISTORY / RESET / DOCTOR / GRAPH / HISTOGRAM / HELP over the engine's
 * {@link LatencyMonitor} and per-command {@link LatencyHistogram}s.
 */
public final class LatencyCommand {

    private LatencyCommand() {
    }

    static CommandSpec spec() {
        return CommandMetadata.container("latency")
                .subcommand(CommandMetadata.bind("latency|doctor", EngineContext.bind(LatencyCommand::doctor)))
                .subcommand(CommandMetadata.bind("latency|graph", EngineContext.bind(LatencyCommand::graph)))
                .subcommand(CommandMetadata.bind("latency|help", EngineContext.bind(LatencyCommand::help)))
                .subcommand(CommandMetadata.bind("latency|histogram", EngineContext.bind(LatencyCommand::histogram)))
                .subcommand(CommandMetadata.bind("latency|history", EngineContext.bind(LatencyCommand::history)))
                .subcommand(CommandMetadata.bind("latency|latest", EngineContext.bind(LatencyCommand::latest)))
                .subcommand(CommandMetadata.bind("latency|reset", EngineContext.bind(LatencyCommand::reset)))
                .build();
    }

    /** LATENCY LATEST: [event, unix time, latest ms, all-time max ms] per event. */
    static void latest(EngineContext ctx, Argv argv) {
        List<LatencyMonitor.Latest> rows = ctx.engine().diagnostics().latencyMonitor().latest();
        ReplyWriter out = ctx.reply();
        out.arrayHeader(rows.size());
        for (LatencyMonitor.Latest r : rows) {
            out.arrayHeader(4).bulk(r.event()).integer(r.time()).integer(r.millis()).integer(r.max());
        }
    }

    /** LATENCY HISTORY event: [unix time, ms] per sample, oldest first; empty for an unknown event. */
    static void history(EngineContext ctx, Argv argv) {
        List<LatencyMonitor.Sample> samples = ctx.engine().diagnostics().latencyMonitor().history(eventName(argv, 2));
        ReplyWriter out = ctx.reply();
        out.arrayHeader(samples.size());
        for (LatencyMonitor.Sample s : samples) {
            out.arrayHeader(2).integer(s.time()).integer(s.millis());
        }
    }

    /** LATENCY RESET [event ...]: deletes the named events' data (any case), or all; how many went. */
    static void reset(EngineContext ctx, Argv argv) {
        LatencyMonitor monitor = ctx.engine().diagnostics().latencyMonitor();
        if (argv.count() == 2) {
            ctx.reply().integer(monitor.reset(null));
            return;
        }
        int resets = 0;
        for (int i = 2; i < argv.count(); i++) {
            resets += monitor.reset(eventName(argv, i));
        }
        ctx.reply().integer(resets);
    }

    /** LATENCY DOCTOR: the human readable report (a verbatim string in RESP3). */
    static void doctor(EngineContext ctx, Argv argv) {
        CommandReplies.text(ctx.reply(), ctx.engine().diagnostics().doctor());
    }

    /** LATENCY GRAPH event: the ASCII graph, or an error naming the event when it has no samples. */
    static void graph(EngineContext ctx, Argv argv) {
        String graph = ctx.engine().diagnostics().latencyMonitor().graph(eventName(argv, 2));
        if (graph == null) {
            ctx.reply().raw(noSamples(argv));
            return;
        }
        CommandReplies.text(ctx.reply(), graph);
    }

    /** An event name as Redis reads it, a C string: up to the first NUL byte. */
    private static String eventName(Argv argv, int i) {
        String s = argv.string(i);
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    /**
     * {@code -ERR No samples available for event '<event>'}: the event as Redis's %s prints it (up
     * to a NUL byte), CR and LF turned into spaces as addReplyErrorFormat does.
     */
    private static byte[] noSamples(Argv argv) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        b.writeBytes("-ERR No samples available for event '".getBytes(StandardCharsets.US_ASCII));
        for (int j = 0; j < argv.length(2); j++) {
            byte c = argv.byteAt(2, j);
            if (c == 0) {
                break;
            }
            b.write(c == '\r' || c == '\n' ? ' ' : c);
        }
        b.writeBytes("'\r\n".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    /**
     * LATENCY HISTOGRAM [command ...]: a map from command name to {calls, histogram_usec}, the
     * latter a map from a bucket's upper bound in microseconds to the number of calls up to it. With
     * no names, every command that has data; a name may be "container|sub", and a container also
     * brings its subcommands; unknown names and commands without data are left out.
     */
    static void histogram(EngineContext ctx, Argv argv) {
        Diagnostics d = ctx.engine().diagnostics();
        List<Map.Entry<String, LatencyHistogram>> found;
        if (argv.count() == 2) {
            found = d.histograms();
        } else {
            found = new ArrayList<>();
            for (int i = 2; i < argv.count(); i++) {
                found.addAll(d.histogramsOf(argv.string(i)));
            }
        }
        ReplyWriter out = ctx.reply();
        out.mapHeader(found.size());
        for (Map.Entry<String, LatencyHistogram> e : found) {
            LatencyHistogram h = e.getValue();
            out.bulk(e.getKey());
            out.mapHeader(2).bulk("calls").integer(h.count()).bulk("histogram_usec");
            List<long[]> points = new ArrayList<>();
            h.cumulativeDistribution((micros, calls) -> {
                points.add(new long[] {micros, calls});
                return 0;
            });
            out.mapHeader(points.size());
            for (long[] p : points) {
                out.integer(p[0]).integer(p[1]);
            }
        }
    }

    static void help(EngineContext ctx, Argv argv) {
        CommandReplies.help(ctx.reply(),
                "LATENCY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "DOCTOR",
                "    Return a human readable latency analysis report.",
                "GRAPH <event>",
                "    Return an ASCII latency graph for the <event> class.",
                "HISTORY <event>",
                "    Return time-latency samples for the <event> class.",
                "LATEST",
                "    Return the latest latency samples for all events.",
                "RESET [<event> ...]",
                "    Reset latency data of one or more <event> classes.",
                "    (default: reset all data for all event classes)",
                "HISTOGRAM [COMMAND ...]",
                "    Return a cumulative distribution of latencies in the format of a histogram for the specified "
                        + "command names.",
                "    If no commands are specified then all histograms are replied.",
                "HELP",
                "    Prints this help.");
    }
}
