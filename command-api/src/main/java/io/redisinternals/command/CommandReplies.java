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
     * Redis's addReplySubcommandSyntaxError: the subcommand as typed (cut at 128 bytes) and the
     * command name in upper case.
     */
    public static void subcommandSyntaxError(ReplyWriter out, io.redisinternals.resp.Argv argv) {
        String sub = argv.string(1);
        if (sub.length() > 128) {
            sub = sub.substring(0, 128);
        }
        out.error("ERR unknown subcommand or wrong number of arguments for '" + sub + "'. Try "
                + argv.string(0).toUpperCase(java.util.Locale.ROOT) + " HELP.");
    }

    /**
     * Text reports (INFO, CLIENT LIST/INFO): a verbatim "txt" string for RESP3 clients, a bulk
     * string for RESP2 ones, as Redis's addReplyVerbatim.
     */
    public static void text(ReplyWriter out, String text) {
        out.verbatim("txt", text.getBytes(StandardCharsets.UTF_8));
    }
}
