package dev.flagpost.client.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Secrets are never logged; a short SHA-256 prefix is enough to correlate log lines. */
public final class Fingerprint {
    private Fingerprint() {
    }

    public static String of(String secret) {
        if (secret == null) {
            return "none";
        }
        return "sha256:" + HexFormat.of().formatHex(sha256(secret)).substring(0, 12);
    }

    /** Constant-time equality for secrets (tokens, state). */
    public static boolean same(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }
}
