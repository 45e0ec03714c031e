package io.redisinternals.server;

/** The server could not start; the message is what the command line prints before exiting 1. */
public final class StartupException extends Exception {

    private static final long serialVersionUID = 1L;

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
