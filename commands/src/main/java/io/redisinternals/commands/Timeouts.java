package io.redisinternals.commands;

import io.redisinternals.command.CommandContext;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** Blocking commands' timeout argument, read exactly as redis-server 7.0's getTimeoutFromObjectOrReply. */
final class Timeouts {

    private Timeouts() {
    }

    private static final byte[] NOT_A_FLOAT = Replies.encode("-ERR timeout is not a float or out of range\r\n");
    private static final byte[] NEGATIVE = Replies.encode("-ERR timeout is negative\r\n");
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);

    /**
     * The deadline (absolute Unix ms) a timeout in seconds (a long double, as Redis parses it) gives:
     * 0 for "forever", or -1 after replying the error. Redis computes {@code (long long)
     * ceill(seconds * 1000)}: a product past the 64-bit range (including "inf") becomes LLONG_MIN
     * on x86 and so "timeout is negative"; "-0.0001" rounds up to 0 and blocks forever. A deadline
     * that would overflow when the current time is added is also "forever", as in Redis, whose
     * timeout table then never reaches it.
     */
    static long parseDeadline(CommandContext ctx, Argv argv, int i) {
        LongDouble seconds = LongDouble.parse(argv.bytes(i));
        if (seconds == null || seconds.isNaN()) {
            ctx.reply().raw(NOT_A_FLOAT);
            return -1;
        }
        long millis;
        if (!seconds.isFinite()) {
            millis = Long.MIN_VALUE;
        } else {
            BigInteger ceil = seconds.toBigDecimal().multiply(BigDecimal.valueOf(1000))
                    .setScale(0, RoundingMode.CEILING).toBigIntegerExact();
            millis = ceil.compareTo(LONG_MAX) > 0 || ceil.compareTo(LONG_MIN) < 0 ? Long.MIN_VALUE : ceil.longValue();
        }
        if (millis < 0) {
            ctx.reply().raw(NEGATIVE);
            return -1;
        }
        if (millis == 0) {
            return 0;
        }
        long deadline = millis + ctx.nowMillis();
        return deadline < 0 ? 0 : deadline; // wrapped: never reached, as in Redis
    }
}
