package io.redisinternals.engine.commands;

import static io.redisinternals.engine.commands.InfoCommand.bytesToHuman;
import static io.redisinternals.engine.commands.InfoCommand.field;

import io.redisinternals.engine.Engine;
import java.util.concurrent.atomic.AtomicLong;

/**
 * INFO's "# Memory" section, kept apart from {@link InfoCommand} because its figures come from the
 * memory accounting (used_memory and its parts), not from counters the other sections read.
 */
final class InfoMemorySection {

    /** Highest used_memory reported, for used_memory_peak (sampled when INFO runs). */
    private static final AtomicLong peakMemory = new AtomicLong();

    private InfoMemorySection() {
    }

    static void append(StringBuilder sb, Engine engine) {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        long peak = peakMemory.accumulateAndGet(used, Math::max);
        sb.append("# Memory\r\n");
        field(sb, "used_memory", used);
        field(sb, "used_memory_human", bytesToHuman(used));
        field(sb, "used_memory_peak", peak);
        field(sb, "used_memory_peak_human", bytesToHuman(peak));
        field(sb, "total_system_memory", rt.maxMemory());
        field(sb, "total_system_memory_human", bytesToHuman(rt.maxMemory()));
        field(sb, "mem_allocator", "jvm");
    }
}
