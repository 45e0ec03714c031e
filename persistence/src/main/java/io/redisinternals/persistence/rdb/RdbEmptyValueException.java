package io.redisinternals.persistence.rdb;

/**
 * A well-formed but empty collection (Redis's RDB_LOAD_ERR_EMPTY_KEY): RESTORE refuses it as bad
 * data, a file loader skips the key and counts it, as Redis does.
 */
public final class RdbEmptyValueException extends RdbFormatException {

    public RdbEmptyValueException(String message, long offset) {
        super(message, offset);
    }
}
