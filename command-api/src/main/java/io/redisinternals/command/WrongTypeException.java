package io.redisinternals.command;

/**
 * Thrown by the typed lookups of {@link CommandContext} when the key holds another type. The
 * engine, which runs every command function, catches it, drops what the command had written and
 * replies Redis's WRONGTYPE error in its place: type checks answer in one place, and a command
 * never needs a sentinel value or a second return path for them. Commands check every key's type
 * before they write anything, as Redis's do, so nothing is left half done.
 *
 * <p>One shared instance without a stack trace: throwing it costs no allocation.
 */
public final class WrongTypeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The one instance. */
    public static final WrongTypeException INSTANCE = new WrongTypeException();

    private WrongTypeException() {
        super("WRONGTYPE Operation against a key holding the wrong kind of value", null, false, false);
    }
}
