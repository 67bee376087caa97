package dev.flagpost.authn.grpc;

import dev.flagpost.api.FliptException;
import dev.flagpost.authn.Authentication;
import dev.flagpost.authn.gate.Gate;
import dev.flagpost.authn.gate.Section;
import io.grpc.Context;
import java.util.Optional;

/** The authenticated caller of the current gRPC call, put into {@link Context} by the gate. */
public final class GrpcCaller {
    static final Context.Key<Authentication> KEY = Context.key("flagpost-caller");
    /** The gate that let this call through (pass or open); absent if no gate saw the call. */
    static final Context.Key<Gate> GATED = Context.key("flagpost-gate");

    private GrpcCaller() {
    }

    public static Optional<Authentication> current() {
        return Optional.ofNullable(KEY.get());
    }

    /**
     * The second layer: a service refuses a call without a caller in a section that needs one under
     * this config, whatever the route table said — and any call the gate never saw.
     *
     * @throws FliptException UNAUTHENTICATED
     */
    public static Authentication requireFor(Section section) {
        Authentication caller = KEY.get();
        Gate gate = GATED.get();
        if (caller == null && section != Section.PUBLIC && (gate == null || gate.access().needsCaller(section))) {
            throw FliptException.unauthenticated();
        }
        return caller;
    }
}
