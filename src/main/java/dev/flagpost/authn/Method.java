package dev.flagpost.authn;

import java.util.Locale;
import java.util.Optional;

/**
 * Authentication methods with Flipt's enum numbers (LDAP is Flagpost's own, on a new number),
 * declared in the order Flipt lists them. What a method does is its plug-in's
 * ({@code dev.flagpost.authn.method.AuthMethodFactory}); this enum only names it on the wire.
 */
public enum Method {
    NONE(0),
    TOKEN(1),
    GITHUB(4),
    OIDC(2),
    KUBERNETES(3),
    JWT(5),
    LDAP(7);

    private final int number;

    Method(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** Flipt's wire name, e.g. {@code METHOD_TOKEN}. */
    public String wireName() {
        return "METHOD_" + name();
    }

    /** The key under {@code authentication.methods}, e.g. {@code token}. */
    public String configKey() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Method ofNumber(int number) {
        for (Method m : values()) {
            if (m.number == number) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown authentication method number " + number);
    }

    /** Accepts {@code METHOD_TOKEN}, {@code TOKEN}, {@code token} or the number, as Flipt's gateway does. */
    public static Optional<Method> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String s = text.strip().toUpperCase(Locale.ROOT);
        if (s.chars().allMatch(Character::isDigit) && s.length() < 4) {
            try {
                return Optional.of(ofNumber(Integer.parseInt(s)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        String name = s.startsWith("METHOD_") ? s.substring("METHOD_".length()) : s;
        for (Method m : values()) {
            if (m.name().equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
