package io.redisinternals.resp;

/** The protocol a connection speaks: RESP2 (the default) or RESP3 (after {@code HELLO 3}). */
public enum RespVersion {
    RESP2(2),
    RESP3(3);

    private final int number;

    RespVersion(int number) {
        this.number = number;
    }

    /** 2 or 3, as HELLO reports it. */
    public int number() {
        return number;
    }
}
