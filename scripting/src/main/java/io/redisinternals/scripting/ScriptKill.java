package io.redisinternals.scripting;

import io.redisinternals.command.CommandContext;
import io.redisinternals.command.RunningScript;
import io.redisinternals.resp.Replies;
import io.redisinternals.resp.ReplyWriter;

/**
 * SCRIPT KILL, FUNCTION KILL and FUNCTION STATS' running_script (Redis's scriptKill and
 * functionStatsCommand). They reach a running script only while it is busy: before the threshold
 * the script holds the execution lock and they wait for it to end (then nothing runs: NOTBUSY).
 * A busy script is seen through {@link CommandContext#runningScript()}; these commands run beside
 * it, on its thread, between two of its instructions.
 */
final class ScriptKill {

    static final String NOTBUSY = "NOTBUSY No scripts in execution right now.";
    static final String UNKILLABLE = "UNKILLABLE Sorry the script already executed write commands against the dataset. "
            + "You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.";

    private ScriptKill() {
    }

    /** SCRIPT KILL ({@code eval}) or FUNCTION KILL: stops a busy script that has not written. */
    static void kill(CommandContext ctx, boolean eval) {
        RunningScript running = ctx.runningScript();
        ReplyWriter out = ctx.reply();
        if (running == null) {
            out.error(NOTBUSY);
        } else if (running.wrote()) {
            out.error(UNKILLABLE);
        } else if (eval && !running.eval()) {
            out.error(RunningScript.FUNCTION_BUSY);
        } else if (!eval && running.eval()) {
            out.error(RunningScript.EVAL_BUSY);
        } else {
            running.kill();
            out.raw(Replies.OK);
        }
    }

    /**
     * FUNCTION STATS' first part; false (the error written) while an EVAL script is busy, which
     * Redis refuses to describe there.
     */
    static boolean runningFunction(CommandContext ctx) {
        RunningScript running = ctx.runningScript();
        ReplyWriter out = ctx.reply();
        if (running != null && running.eval()) {
            out.error(RunningScript.EVAL_BUSY);
            return false;
        }
        out.mapHeader(2);
        out.bulk("running_script");
        if (running == null) {
            out.nullBulk();
            return true;
        }
        out.mapHeader(3);
        out.bulk("name").bulk(running.name());
        byte[][] command = running.command();
        out.bulk("command").arrayHeader(command.length);
        for (byte[] arg : command) {
            out.bulk(arg);
        }
        out.bulk("duration_ms").integer(running.durationMillis());
        return true;
    }
}
