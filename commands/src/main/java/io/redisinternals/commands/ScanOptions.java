package io.redisinternals.commands;

import io.redisinternals.keyspace.dict.GlobMatcher;
import io.redisinternals.command.CommandContext;
import io.redisinternals.resp.Argv;
import io.redisinternals.resp.Replies;

/**
 * The options of SCAN, HSCAN, SSCAN and ZSCAN, read once for all four as Redis's
 * scanGenericCommand reads them: {@code COUNT n} (an integer >= 1, else a syntax error),
 * {@code MATCH pattern} ("*" alone means no filtering, so even an empty name matches) and, for
 * SCAN only, {@code TYPE name}; anything else, or an option without its value, is a syntax error.
 *
 * @param count   the COUNT hint (10 by default)
 * @param pattern the MATCH pattern, or null to keep everything
 * @param type    SCAN's TYPE filter, or null
 */
record ScanOptions(long count, byte[] pattern, String type) {

    /** Redis's default COUNT. */
    static final long DEFAULT_COUNT = 10;

    /** HSCAN/SSCAN/ZSCAN of a missing key: cursor 0, nothing. */
    static final byte[] EMPTY_SCAN = Replies.encode("*2\r\n$1\r\n0\r\n*0\r\n");
    private static final byte[] INVALID_CURSOR = Replies.encode("-ERR invalid cursor\r\n");

    /**
     * The cursor in argument {@code i} (an unsigned 64-bit number, see
     * {@link KeyCommands#parseCursor}), or null after replying "invalid cursor". Every scan reads it
     * first, before the key, as Redis does.
     */
    static Long cursor(CommandContext ctx, Argv argv, int i) {
        try {
            return KeyCommands.parseCursor(argv.bytes(i));
        } catch (NumberFormatException e) {
            ctx.reply().raw(INVALID_CURSOR);
            return null;
        }
    }

    /**
     * The options from argument {@code first} on, or null after replying the error.
     *
     * @param allowType whether TYPE is an option (SCAN) or a syntax error (the others)
     */
    static ScanOptions parse(CommandContext ctx, Argv argv, int first, boolean allowType) {
        long count = DEFAULT_COUNT;
        byte[] pattern = null;
        String type = null;
        for (int i = first; i < argv.count(); i += 2) {
            boolean hasValue = argv.count() - i >= 2;
            if (hasValue && argv.equalsIgnoreCase(i, "count")) {
                try {
                    count = argv.longValue(i + 1);
                } catch (NumberFormatException e) {
                    ctx.reply().raw(Replies.NOT_INTEGER);
                    return null;
                }
                if (count < 1) {
                    ctx.reply().raw(Replies.SYNTAX_ERROR);
                    return null;
                }
            } else if (hasValue && argv.equalsIgnoreCase(i, "match")) {
                pattern = argv.bytes(i + 1);
                if (pattern.length == 1 && pattern[0] == '*') {
                    pattern = null; // matches everything, the empty name included
                }
            } else if (allowType && hasValue && argv.equalsIgnoreCase(i, "type")) {
                type = argv.string(i + 1);
            } else {
                ctx.reply().raw(Replies.SYNTAX_ERROR);
                return null;
            }
        }
        return new ScanOptions(count, pattern, type);
    }

    /**
     * How many table steps one call may take: Redis stops after COUNT*10 bucket visits, so a
     * sparse table cannot make one call walk all of it.
     */
    long maxSteps() {
        return count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
    }

    /** Whether MATCH keeps {@code name}. */
    boolean matches(byte[] name) {
        return pattern == null || GlobMatcher.matches(pattern, name, false);
    }
}
