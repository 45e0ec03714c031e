package io.redisinternals.resp;

/** Every RESP2/RESP3 type with the marker byte that starts it on the wire. */
public enum RespType {
    SIMPLE_STRING('+'),
    ERROR('-'),
    INTEGER(':'),
    BULK_STRING('$'),
    ARRAY('*'),
    NULL('_'),
    BOOLEAN('#'),
    DOUBLE(','),
    BIG_NUMBER('('),
    BULK_ERROR('!'),
    VERBATIM_STRING('='),
    MAP('%'),
    SET('~'),
    ATTRIBUTE('|'),
    PUSH('>');

    private final byte marker;

    RespType(char marker) {
        this.marker = (byte) marker;
    }

    public byte marker() {
        return marker;
    }
}
