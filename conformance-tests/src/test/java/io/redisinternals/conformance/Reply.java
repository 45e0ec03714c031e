package io.redisinternals.conformance;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One complete RESP2/RESP3 reply as read off the wire: its exact bytes plus a parsed tree, so a
 * test can compare bytes where bytes are the contract and shapes where values legitimately differ.
 *
 * @param type     the RESP type marker byte ({@code +-:$*_,#!=(%~>|})
 * @param raw      every byte of the reply, markers and CRLFs included
 * @param payload  the line or bulk payload for scalar types; {@code null} for null bulk/array and aggregates
 * @param children elements of an aggregate (a map or attribute holds key, value, key, value ...)
 */
public record Reply(char type, byte[] raw, byte[] payload, List<Reply> children) {

    public String rawText() {
        return new String(raw, StandardCharsets.ISO_8859_1);
    }

    public String text() {
        return payload == null ? null : new String(payload, StandardCharsets.UTF_8);
    }

    public boolean isError() {
        return type == '-' || type == '!';
    }

    public boolean isAggregate() {
        return children != null;
    }

    public Reply child(int i) {
        return children.get(i);
    }

    /** The raw bytes made readable: CR and LF escaped, for assertion messages. */
    public String visible() {
        return Bytes.visible(raw);
    }

    @Override
    public String toString() {
        return visible();
    }
}
