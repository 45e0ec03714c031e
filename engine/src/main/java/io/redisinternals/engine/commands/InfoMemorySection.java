package io.redisinternals.engine.commands;

import static io.redisinternals.engine.commands.InfoCommand.bytesToHuman;
import static io.redisinternals.engine.commands.InfoCommand.field;

import io.redisinternals.engine.Engine;
import io.redisinternals.engine.Memory;
import java.util.Locale;

/**
 * INFO's "# Memory" section, kept apart from {@link InfoCommand} because its figures come from the
 * memory accounting ({@link Memory}), not from counters the other sections read. Every field of
 * redis-server 7.0.15's section, in its order (genRedisInfoString). What each means here:
 * <ul>
 * <li>used_memory and its parts (peak, overhead, startup, dataset, mem_clients_normal): our
 *     estimate, see {@link Memory};</li>
 * <li>used_memory_rss: the process's resident set (/proc/self/statm), the whole JVM;</li>
 * <li>allocator_*: the JVM heap stands for the allocator: allocated = heap in use (live objects and
 *     garbage not yet collected), active = resident = heap committed (the JVM does not tell which
 *     committed pages are resident), so allocator_rss_* says 1.00 / 0 and rss_overhead_* is what the
 *     JVM holds outside the heap (code, metaspace, thread stacks, direct buffers);</li>
 * <li>Lua and functions figures: what the scripting command set reports
 *     ({@link io.redisinternals.command.spi.CommandProvider#info()}): the counts exact, the
 *     memory its own approximation (0 without the scripting module);</li>
 * <li>replication, cluster and AOF figures: 0, none of that machinery exists;</li>
 * <li>lazyfreed_objects: what Redis's lazy-free thread would have freed after the same commands;
 *     lazyfree_pending_objects: 0, nothing is ever queued (see {@link io.redisinternals.engine.LazyFree}).</li>
 * </ul>
 */
final class InfoMemorySection {

    private InfoMemorySection() {
    }

    static void append(StringBuilder sb, Engine engine) {
        Memory memory = engine.memory();
        Memory.Overhead mh = memory.overhead();
        long used = mh.used();
        long rss = Memory.rss();
        long allocated = Memory.heapUsed();
        long active = Memory.heapCommitted();
        long resident = active;
        long totalSystem = Memory.totalSystemMemory();
        long maxmemory = Long.parseUnsignedLong(engine.config().get("maxmemory"));
        sb.append("# Memory\r\n");
        field(sb, "used_memory", used);
        field(sb, "used_memory_human", bytesToHuman(used));
        field(sb, "used_memory_rss", rss);
        field(sb, "used_memory_rss_human", bytesToHuman(rss));
        field(sb, "used_memory_peak", mh.peak());
        field(sb, "used_memory_peak_human", bytesToHuman(mh.peak()));
        field(sb, "used_memory_peak_perc", percent(mh.peakPercent()));
        field(sb, "used_memory_overhead", mh.total());
        field(sb, "used_memory_startup", mh.startup());
        field(sb, "used_memory_dataset", mh.dataset());
        field(sb, "used_memory_dataset_perc", percent(mh.datasetPercent()));
        field(sb, "allocator_allocated", allocated);
        field(sb, "allocator_active", active);
        field(sb, "allocator_resident", resident);
        field(sb, "total_system_memory", totalSystem);
        field(sb, "total_system_memory_human", bytesToHuman(totalSystem));
        long vmEval = engine.providedInfo("used_memory_vm_eval");
        long vmFunctions = engine.providedInfo("used_memory_vm_functions");
        long scriptsEval = engine.providedInfo("used_memory_scripts_eval");
        long functions = engine.providedInfo("used_memory_functions");
        field(sb, "used_memory_lua", vmEval);
        field(sb, "used_memory_vm_eval", vmEval);
        field(sb, "used_memory_lua_human", bytesToHuman(vmEval));
        field(sb, "used_memory_scripts_eval", scriptsEval);
        field(sb, "number_of_cached_scripts", engine.providedInfo("number_of_cached_scripts"));
        field(sb, "number_of_functions", engine.providedInfo("number_of_functions"));
        field(sb, "number_of_libraries", engine.providedInfo("number_of_libraries"));
        field(sb, "used_memory_vm_functions", vmFunctions);
        field(sb, "used_memory_vm_total", vmEval + vmFunctions);
        field(sb, "used_memory_vm_total_human", bytesToHuman(vmEval + vmFunctions));
        field(sb, "used_memory_functions", functions);
        field(sb, "used_memory_scripts", scriptsEval + functions);
        field(sb, "used_memory_scripts_human", bytesToHuman(scriptsEval + functions));
        field(sb, "maxmemory", maxmemory);
        field(sb, "maxmemory_human", bytesToHuman(maxmemory));
        field(sb, "maxmemory_policy", engine.config().get("maxmemory-policy"));
        field(sb, "allocator_frag_ratio", ratio(active, allocated));
        field(sb, "allocator_frag_bytes", active - allocated);
        field(sb, "allocator_rss_ratio", ratio(resident, active));
        field(sb, "allocator_rss_bytes", resident - active);
        field(sb, "rss_overhead_ratio", ratio(rss, resident));
        field(sb, "rss_overhead_bytes", rss - resident);
        field(sb, "mem_fragmentation_ratio", ratio(rss, used));
        field(sb, "mem_fragmentation_bytes", rss - used);
        field(sb, "mem_not_counted_for_evict", 0); // no AOF buffer, no replication buffers
        field(sb, "mem_replication_backlog", 0);
        field(sb, "mem_total_replication_buffers", 0);
        field(sb, "mem_clients_slaves", 0);
        field(sb, "mem_clients_normal", mh.clients());
        field(sb, "mem_cluster_links", 0);
        field(sb, "mem_aof_buffer", 0);
        field(sb, "mem_allocator", "jvm");
        field(sb, "active_defrag_running", 0);
        field(sb, "lazyfree_pending_objects", engine.lazyFree().pendingObjects());
        field(sb, "lazyfreed_objects", engine.lazyFree().freedObjects());
    }

    /** Redis's {@code %.2f%%}. */
    static String percent(double v) {
        return String.format(Locale.ROOT, "%.2f%%", v);
    }

    /** Redis's {@code %.2f} of a float division; 0.00 when the divisor is 0 (no figure). */
    static String ratio(long a, long b) {
        return String.format(Locale.ROOT, "%.2f", b == 0 ? 0.0 : (float) a / b);
    }
}
