package dev.flagpost.authn;

/** A credential as presented, before anything is known about it. {@code toString} never shows it. */
public sealed interface Credential {
    String value();

    /** Where it came from: a header always wins over the session cookie. */
    enum Source { HEADER, COOKIE }

    record ClientToken(String value, Source source) implements Credential {
        @Override
        public String toString() {
            return "ClientToken[" + source + "]";
        }
    }

    record Jwt(String value, Source source) implements Credential {
        @Override
        public String toString() {
            return "Jwt[" + source + "]";
        }
    }

    Source source();
}
