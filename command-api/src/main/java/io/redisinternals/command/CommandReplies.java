package io.redisinternals.command;

import io.redisinternals.resp.ReplyWriter;
import java.nio.charset.StandardCharsets;

/** Reply shapes shared by several command groups. */
public final class CommandReplies {

    private CommandReplies() {
    }

    /** The HELP subcommand reply: an array of status lines, as Redis's addReplyHelp. */
    public static void help(ReplyWriter out, String... lines) {
        out.arrayHeader(lines.length);
        for (String line : lines) {
            out.simpleString(line);
        }
    }

    /**
     * Text reports (INFO, CLIENT LIST/INFO): a verbatim "txt" string for RESP3 clients, a bulk
     * string for RESP2 ones, as Redis's addReplyVerbatim.
     */
    public static void text(ReplyWriter out, String text) {
        out.verbatim("txt", text.getBytes(StandardCharsets.UTF_8));
    }
}
