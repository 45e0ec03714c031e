package io.redisinternals.engine.config;

/** A bad directive or value; the message is Redis's reason text (no "ERR " prefix). */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
