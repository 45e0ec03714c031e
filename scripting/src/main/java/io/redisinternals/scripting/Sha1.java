package io.redisinternals.scripting;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA1 as scripts are named (SCRIPT LOAD, EVALSHA, redis.sha1hex): 40 lower-case hex digits. */
final class Sha1 {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Sha1() {
    }

    static String hex(byte[] data) {
        byte[] d;
        try {
            d = MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e); // required by the Java SE spec
        }
        byte[] out = new byte[40];
        for (int i = 0; i < d.length; i++) {
            out[2 * i] = HEX[(d[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[d[i] & 0xf];
        }
        return new String(out, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
