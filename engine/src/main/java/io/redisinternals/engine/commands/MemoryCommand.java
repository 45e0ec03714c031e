package io.redisinternals.engine.commands;

import io.redisinternals.command.CommandMetadata;
import io.redisinternals.command.CommandReplies;
import io.redisinternals.command.CommandSpec;
import io.redisinternals.engine.Engine;
import io.redisinternals.engine.EngineContext;
import io.redisinternals.engine.Memory;
import io.redisinternals.keyspace.HeapLayout;
import io.redisinternals.keyspace.dict.KeyTable;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;

/**
 * MEMORY USAGE / STATS / DOCTOR / MALLOC-STATS / PURGE / HELP, as Redis 7.0's memoryCommand, over
 * the engine's {@link Memory} accounting.
 */
public final class MemoryCommand {

    private MemoryCommand() {
    }

    static CommandSpec spec() {
        return CommandMetadata.container("memory")
                .subcommand(CommandMetadata.bind("memory|doctor", EngineContext.bind(MemoryCommand::doctor)))
                .subcommand(CommandMetadata.bind("memory|help", EngineContext.bind(MemoryCommand::help)))
                .subcommand(CommandMetadata.bind("memory|malloc-stats", EngineContext.bind(MemoryCommand::mallocStats)))
                .subcommand(CommandMetadata.bind("memory|purge", EngineContext.bind(MemoryCommand::purge)))
                .subcommand(CommandMetadata.bind("memory|stats", EngineContext.bind(MemoryCommand::stats)))
                .subcommand(CommandMetadata.bind("memory|usage", EngineContext.bind(MemoryCommand::usage)))
                .build();
    }

    /**
     * MEMORY USAGE key [SAMPLES count]: the bytes of the key's entry, key and value, or a null reply
     * if the key does not exist. Options are checked before the key, as Redis does: a non-integer
     * count is "not an integer", a negative one (or any other word) a syntax error. The key is
     * found without expiring or touching it (Redis's dictFind). Our value estimates are O(1) from
     * the encoding's cost per element, so SAMPLES is accepted and checked but changes nothing.
     */
    static void usage(EngineContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        for (int j = 3; j < argv.count(); j++) {
            if (argv.equalsIgnoreCase(j, "samples") && j + 1 < argv.count()) {
                long samples;
                try {
                    samples = argv.longValue(j + 1);
                } catch (NumberFormatException e) {
                    out.raw(Replies.NOT_INTEGER);
                    return;
                }
                if (samples < 0) {
                    out.raw(Replies.SYNTAX_ERROR);
                    return;
                }
                j++;
            } else {
                out.raw(Replies.SYNTAX_ERROR);
                return;
            }
        }
        KeyTable.Entry<Object> e = ctx.db().peekEntry(argv, 2);
        if (e == null) {
            out.nullBulk();
            return;
        }
        out.integer(HeapLayout.keyEntry(e.key(), e.value()));
    }

    /** MEMORY STATS: Redis's 27 fields plus one map per database with keys, in Redis's order. */
    static void stats(EngineContext ctx, Argv argv) {
        ReplyWriter out = ctx.reply();
        Memory.Overhead mh = ctx.engine().memory().overhead();
        Figures f = Figures.now(mh);
        out.mapHeader(27 + mh.dbs().size());
        field(out, "peak.allocated", mh.peak());
        field(out, "total.allocated", mh.used());
        field(out, "startup.allocated", mh.startup());
        field(out, "replication.backlog", 0);
        field(out, "clients.slaves", 0);
        field(out, "clients.normal", mh.clients());
        field(out, "cluster.links", 0);
        field(out, "aof.buffer", 0);
        // the scripting command set's cache figures, as INFO's used_memory_scripts_eval/_functions
        field(out, "lua.caches", ctx.engine().providedInfo("used_memory_scripts_eval"));
        field(out, "functions.caches", ctx.engine().providedInfo("used_memory_functions"));
        for (Memory.DbOverhead db : mh.dbs()) {
            out.bulk("db." + db.db());
            out.mapHeader(3);
            field(out, "overhead.hashtable.main", db.main());
            field(out, "overhead.hashtable.expires", db.expires());
            field(out, "overhead.hashtable.slot-to-keys", 0);
        }
        field(out, "overhead.total", mh.total());
        field(out, "keys.count", mh.keys());
        field(out, "keys.bytes-per-key", mh.bytesPerKey());
        field(out, "dataset.bytes", mh.dataset());
        out.bulk("dataset.percentage").doubleValue((float) mh.datasetPercent());
        out.bulk("peak.percentage").doubleValue((float) mh.peakPercent());
        field(out, "allocator.allocated", f.allocated);
        field(out, "allocator.active", f.active);
        field(out, "allocator.resident", f.resident);
        out.bulk("allocator-fragmentation.ratio").doubleValue(ratio(f.active, f.allocated));
        field(out, "allocator-fragmentation.bytes", f.active - f.allocated);
        out.bulk("allocator-rss.ratio").doubleValue(ratio(f.resident, f.active));
        field(out, "allocator-rss.bytes", f.resident - f.active);
        out.bulk("rss-overhead.ratio").doubleValue(ratio(f.rss, f.resident));
        field(out, "rss-overhead.bytes", f.rss - f.resident);
        out.bulk("fragmentation").doubleValue(ratio(f.rss, mh.used()));
        field(out, "fragmentation.bytes", f.rss - mh.used());
    }

    private static void field(ReplyWriter out, String name, long value) {
        out.bulk(name).integer(value);
    }

    /** Redis's {@code (float) a / b}, 0 when there is no divisor. */
    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (float) a / b;
    }

    /**
     * What stands for the allocator's and the OS's figures (see {@link InfoMemorySection}): the JVM
     * heap in use and committed, and the process RSS.
     */
    private record Figures(long allocated, long active, long resident, long rss) {
        static Figures now(Memory.Overhead mh) {
            long committed = Memory.heapCommitted();
            return new Figures(Memory.heapUsed(), committed, committed, Memory.rss());
        }
    }

    /** MEMORY DOCTOR: Redis's report, from our figures, with its thresholds (getMemoryDoctorReport). */
    static void doctor(EngineContext ctx, Argv argv) {
        CommandReplies.text(ctx.reply(), doctorReport(ctx.engine()));
    }

    static String doctorReport(Engine engine) {
        Memory.Overhead mh = engine.memory().overhead();
        Figures f = Figures.now(mh);
        boolean empty = false;
        boolean bigPeak = false;
        boolean highFrag = false;
        boolean highAllocFrag = false;
        boolean highAllocRss = false;
        boolean highProcRss = false;
        boolean bigClientBuf = false;
        int reports = 0;
        if (mh.used() < 5L * 1024 * 1024) {
            empty = true;
            reports++;
        } else {
            if ((float) mh.peak() / mh.used() > 1.5) {
                bigPeak = true;
                reports++;
            }
            if (ratio(f.rss, mh.used()) > 1.4 && f.rss - mh.used() > 10 << 20) {
                highFrag = true;
                reports++;
            }
            if (ratio(f.active, f.allocated) > 1.1 && f.active - f.allocated > 10 << 20) {
                highAllocFrag = true;
                reports++;
            }
            if (ratio(f.resident, f.active) > 1.1 && f.resident - f.active > 10 << 20) {
                highAllocRss = true;
                reports++;
            }
            if (ratio(f.rss, f.resident) > 1.1 && f.rss - f.resident > 10 << 20) {
                highProcRss = true;
                reports++;
            }
            int clients = Math.max(1, engine.clientCount());
            if (mh.clients() / clients > 1024 * 200) {
                bigClientBuf = true;
                reports++;
            }
        }
        if (reports == 0) {
            return "Hi Sam, I can't find any memory issue in your instance. "
                    + "I can only account for what occurs on this base.\n";
        }
        if (empty) {
            return "Hi Sam, this instance is empty or is using very little memory, "
                    + "my issues detector can't be used in these conditions. "
                    + "Please, leave for your mission on Earth and fill it with some data. "
                    + "The new Sam and I will be back to our programming as soon as I "
                    + "finished rebooting.\n";
        }
        StringBuilder s = new StringBuilder("Sam, I detected a few issues in this Redis instance memory implants:\n\n");
        if (bigPeak) {
            s.append(" * Peak memory: In the past this instance used more than 150% the memory that is currently using. The allocator is normally not able to release memory after a peak, so you can expect to see a big fragmentation ratio, however this is actually harmless and is only due to the memory peak, and if the Redis instance Resident Set Size (RSS) is currently bigger than expected, the memory will be used as soon as you fill the Redis instance with more data. If the memory peak was only occasional and you want to try to reclaim memory, please try the MEMORY PURGE command, otherwise the only other option is to shutdown and restart the instance.\n\n");
        }
        if (highFrag) {
            s.append(" * High total RSS: This instance has a memory fragmentation and RSS overhead greater than 1.4 (this means that the Resident Set Size of the Redis process is much larger than the sum of the logical allocations Redis performed). This problem is usually due either to a large peak memory (check if there is a peak memory entry above in the report) or may result from a workload that causes the allocator to fragment memory a lot. If the problem is a large peak memory, then there is no issue. Otherwise, make sure you are using the Jemalloc allocator and not the default libc malloc. Note: The currently used allocator is \"jvm\".\n\n");
        }
        if (highAllocFrag) {
            s.append(" * High allocator fragmentation: This instance has an allocator external fragmentation greater than 1.1. This problem is usually due either to a large peak memory (check if there is a peak memory entry above in the report) or may result from a workload that causes the allocator to fragment memory a lot. You can try enabling 'activedefrag' config option.\n\n");
        }
        if (highAllocRss) {
            s.append(" * High allocator RSS overhead: This instance has an RSS memory overhead is greater than 1.1 (this means that the Resident Set Size of the allocator is much larger than the sum what the allocator actually holds). This problem is usually due to a large peak memory (check if there is a peak memory entry above in the report), you can try the MEMORY PURGE command to reclaim it.\n\n");
        }
        if (highProcRss) {
            s.append(" * High process RSS overhead: This instance has non-allocator RSS memory overhead is greater than 1.1 (this means that the Resident Set Size of the Redis process is much larger than the RSS the allocator holds). This problem may be due to Lua scripts or Modules.\n\n");
        }
        if (bigClientBuf) {
            s.append(" * Big client buffers: The clients output buffers in this instance are greater than 200K per client (on average). This may result from different causes, like Pub/Sub clients subscribed to channels bot not receiving data fast enough, so that data piles on the Redis instance output buffer, or clients sending commands with large replies or very large sequences of commands in the same pipeline. Please use the CLIENT LIST command in order to investigate the issue if it causes problems in your instance, or to understand better why certain clients are using a big amount of memory.\n\n");
        }
        s.append("I'm here to keep you safe, Sam. I want to help you.\n");
        return s.toString();
    }

    /** MEMORY MALLOC-STATS: Redis's reply when it is not built with jemalloc, which is our case. */
    static void mallocStats(EngineContext ctx, Argv argv) {
        ctx.reply().bulk("Stats not supported for the current allocator");
    }

    /**
     * MEMORY PURGE: Redis asks jemalloc to return dirty pages to the OS (and answers OK without
     * jemalloc). Our allocator is the JVM heap: a full collection is what may shrink it and give
     * pages back, so this asks for one, under the execution lock like Redis's purge.
     */
    static void purge(EngineContext ctx, Argv argv) {
        System.gc();
        ctx.reply().raw(Replies.OK);
    }

    static void help(EngineContext ctx, Argv argv) {
        CommandReplies.help(ctx.reply(),
                "MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "DOCTOR",
                "    Return memory problems reports.",
                "MALLOC-STATS",
                "    Return internal statistics report from the memory allocator.",
                "PURGE",
                "    Attempt to purge dirty pages for reclamation by the allocator.",
                "STATS",
                "    Return information about the memory usage of the server.",
                "USAGE <key> [SAMPLES <count>]",
                "    Return memory in bytes used by <key> and its value. Nested values are",
                "    sampled up to <count> times (default: 5, 0 means sample all).",
                "HELP",
                "    Prints this help.");
    }
}
