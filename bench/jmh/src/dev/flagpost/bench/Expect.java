package dev.flagpost.bench;

import dev.flagpost.authn.gate.Decision;

/** Fails a benchmark's setup when the measured path would not be the one it claims to measure. */
final class Expect {
    private Expect() {
    }

    static void passed(Decision d) {
        if (!(d instanceof Decision.Pass)) {
            throw new IllegalStateException("expected the gate to pass the request, got " + d);
        }
    }

    static void refused(Decision d) {
        if (!(d instanceof Decision.Refuse)) {
            throw new IllegalStateException("expected the gate to refuse the request, got " + d);
        }
    }
}
