package io.redisinternals.scripting;

import io.redisinternals.resp.ReplyWriter;

/**
 * A script command's refusal, carrying the whole error reply text with its code
 * ("ERR Unexpected engine in script shebang: #!foo", "NOSCRIPT No matching script..."): the
 * command function catches it and writes it as its one reply ({@link #reply}). No stack trace:
 * it is control flow.
 */
final class ScriptException extends RuntimeException {

    /** The reply's bytes when they are not text (a compile error quoting the script's bytes), else null. */
    private final byte[] bytes;

    ScriptException(String errorReply) {
        super(errorReply, null, false, false);
        this.bytes = null;
    }

    /**
     * A refusal whose text ends with a Lua message ({@code luaMessage}: bytes, the source's as Lua
     * quotes them, e.g. "near '\xc3'", which need not be UTF-8): the reply carries them as they are.
     */
    ScriptException(String prefix, byte[] luaMessage) {
        super(prefix + new String(luaMessage, java.nio.charset.StandardCharsets.ISO_8859_1), null, false, false);
        byte[] p = prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.bytes = new byte[p.length + luaMessage.length];
        System.arraycopy(p, 0, bytes, 0, p.length);
        System.arraycopy(luaMessage, 0, bytes, p.length, luaMessage.length);
    }

    /** Writes the error reply (newlines as spaces, as Redis keeps an error on one line). */
    void reply(ReplyWriter out) {
        if (bytes == null) {
            out.error(getMessage());
        } else {
            out.raw(ScriptErrors.line('-', bytes.clone()));
        }
    }
}
