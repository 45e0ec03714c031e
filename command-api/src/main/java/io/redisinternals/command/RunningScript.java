package io.redisinternals.command;

/**
 * The script or function running now, as SCRIPT KILL, FUNCTION KILL and FUNCTION STATS see it from
 * another client while the script is busy (Redis's curr_run_ctx). Obtained from
 * {@link CommandContext#runningScript()}; valid while that command runs.
 */
public interface RunningScript {

    /** The error others get while an EVAL script is busy (Redis's shared.slowevalerr, without the dash). */
    String EVAL_BUSY = "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";
    /** The error others get while a function is busy (Redis's shared.slowscripterr, without the dash). */
    String FUNCTION_BUSY = "BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.";

    /** An EVAL/EVALSHA script (true) or an FCALL function (false). */
    boolean eval();

    /** The script's SHA1 or the function's name (Redis's funcname). */
    String name();

    /** The EVAL or FCALL request that runs it, argument by argument. */
    byte[][] command();

    /** Milliseconds since it started. */
    long durationMillis();

    /** Whether it has run a write command (Redis's SCRIPT_WRITE_DIRTY: it cannot be killed). */
    boolean wrote();

    /** Asks it to stop: its next interrupt check raises the kill error (Redis's SCRIPT_KILLED). */
    void kill();
}
