package io.redisinternals.scripting;

/**
 * A script command's refusal, carrying the whole error reply text with its code
 * ("ERR Unexpected engine in script shebang: #!foo", "NOSCRIPT No matching script..."): the
 * command function catches it and writes it as its one reply. No stack trace: it is control flow.
 */
final class ScriptException extends RuntimeException {

    ScriptException(String errorReply) {
        super(errorReply, null, false, false);
    }
}
