package dev.flagpost.authn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Client tokens as Flipt makes them: 32 bytes from SecureRandom, base64url with padding (44
 * characters). Only the SHA-256 hash (base64url, padded) is ever stored.
 */
public final class ClientTokens implements ClientTokenGenerator {
    private static final int TOKEN_BYTES = 32;
    /** Never used itself (a MessageDigest is not thread-safe): only cloned. */
    private static final MessageDigest SHA_256 = prototype();
    private final SecureRandom random;

    public ClientTokens(SecureRandom random) {
        this.random = random;
    }

    public ClientTokens() {
        this(new SecureRandom());
    }

    @Override
    public String generate() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().encodeToString(bytes);
    }

    /** The stored form of a token; also the cache key, so the plaintext is never kept in memory longer than a request. */
    public static String hash(String clientToken) {
        byte[] digest = sha256().digest(clientToken.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().encodeToString(digest);
    }

    /**
     * A fresh SHA-256 digest, cloned from a prototype: {@code MessageDigest.getInstance} walks the
     * provider list on every call, which the profile showed as a third of the hash on each request.
     * A provider whose digests cannot be cloned (some FIPS set-ups) gets a new instance each time.
     */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return prototype();
        }
    }

    private static MessageDigest prototype() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Constant-time comparison of two hashes (or any two secrets of equal kind). */
    public static boolean sameHash(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
