package io.redisinternals.persistence.rdb;

/**
 * A corrupt or unsupported RDB payload: the one exception {@link RdbInput} and
 * {@link RdbValues} raise for bad bytes, whatever the bytes are. Carries the offset (from the
 * start of the input) where the problem was found; -1 when it is about the whole value.
 */
public class RdbFormatException extends RuntimeException {

    private final long offset;

    public RdbFormatException(String message, long offset) {
        super(offset >= 0 ? message + " at offset " + offset : message);
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }
}
