package dev.flagpost.authn.gate;

/**
 * The part of the API a route or RPC belongs to. Whether a section needs a caller is decided by the
 * config alone ({@link SectionAccess}), so the route table and the resources' own check (the second
 * layer) can disagree about a route but never about what a section needs.
 */
public enum Section {
    /** Login routes, the method listing, health, client config: no credential is looked at. */
    PUBLIC,
    /** {@code /auth/v1} and {@code flipt.auth.*}: token management needs a caller even when authentication is not required. */
    AUTH,
    /** {@code /api/v1} and {@code flipt.Flipt}; off with {@code exclude.management}. */
    MANAGEMENT,
    /** {@code /evaluate/v1}, {@code /internal/v1} and {@code flipt.evaluation}; off with {@code exclude.evaluation}. */
    EVALUATION,
    /** {@code /ofrep/v1}; off with {@code exclude.ofrep}. */
    OFREP,
    /** Everything else ({@code /meta}, the probes, unknown paths): a caller when authentication is required. */
    OTHER
}
