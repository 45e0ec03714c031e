package io.redisinternals.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisinternals.command.CommandSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one policy for replies whose size the client chooses (a negative count to SRANDMEMBER,
 * HRANDFIELD, ZRANDMEMBER: up to 2^63 elements): each streams up to the writer's reply budget,
 * then drops the reply and reports it, for the connection to close the client as for its
 * output-buffer limit. The same for all three, whatever the type or option.
 */
class ReplyBudgetTest {

    private static final int BUDGET = 64 * 1024;

    private final TestContext ctx = new TestContext(specs());

    private static List<CommandSpec> specs() {
        List<CommandSpec> all = new ArrayList<>(SetCommands.specs());
        all.addAll(HashCommands.specs());
        all.addAll(SortedSetCommands.specs());
        return all;
    }

    private static final String[][] HUGE = {
        {"SRANDMEMBER", "s", "-9223372036854775807"},
        {"SRANDMEMBER", "i", "-9223372036854775807"},
        {"HRANDFIELD", "h", "-9223372036854775807"},
        {"HRANDFIELD", "h", "-4611686018427387903", "WITHVALUES"},
        {"ZRANDMEMBER", "z", "-9223372036854775807"},
        {"ZRANDMEMBER", "z", "-4611686018427387903", "WITHSCORES"},
    };

    private void fill() {
        ctx.run("SADD", "s", "a", "b", "c");
        ctx.run("SADD", "i", "1", "2", "3");
        ctx.run("HSET", "h", "a", "1", "b", "2");
        ctx.run("ZADD", "z", "1", "a", "2", "b");
    }

    @Test
    void aHugeRandomReplyStopsAtTheBudgetAndIsDropped() {
        fill();
        for (String[] cmd : HUGE) {
            ctx.reply.replyBudget(BUDGET);
            assertEquals("", ctx.run(cmd), String.join(" ", cmd));
            assertTrue(ctx.reply.budgetExceeded(), String.join(" ", cmd));
        }
    }

    @Test
    void theDefaultBudgetIsTheServerCap() {
        fill();
        ctx.reply.replyBudget(0); // no output-buffer hard limit: the server-wide cap alone
        assertEquals("", ctx.run("SRANDMEMBER", "s", "-9223372036854775807"));
        assertTrue(ctx.reply.budgetExceeded());
    }

    @Test
    void aReplyWithinTheBudgetIsWhole() {
        fill();
        ctx.reply.replyBudget(BUDGET);
        for (String[] cmd : HUGE) {
            String[] small = cmd.clone();
            small[2] = "-1000"; // 1000 elements: at most ~13 KB
            String reply = ctx.run(small);
            // RESP2 flattens WITHVALUES/WITHSCORES pairs
            String header = small.length == 4 ? "*2000\r\n" : "*1000\r\n";
            assertTrue(reply.startsWith(header), String.join(" ", small) + ": " + reply.substring(0, 10));
            assertFalse(ctx.reply.budgetExceeded());
        }
    }
}
