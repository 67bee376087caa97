package dev.flagpost.authn;

/** Makes new client tokens; injectable so that tests can pin them. */
@FunctionalInterface
public interface ClientTokenGenerator {
    String generate();
}
