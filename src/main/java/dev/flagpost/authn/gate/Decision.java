package dev.flagpost.authn.gate;

import dev.flagpost.api.Code;
import dev.flagpost.authn.Authentication;

/** What the gate decided for one request; each transport enforces it its own way. */
public sealed interface Decision {
    /** A caller was authenticated and may use the route. */
    record Pass(Authentication caller) implements Decision {
    }

    /** The route needs no caller under this config; none is attached. */
    record Open() implements Decision {
    }

    /**
     * The request must not run. {@code clearCookies}: the session cookie was presented and is no
     * good, so the browser should drop it (never for {@link Code#UNAVAILABLE}: nothing was decided).
     */
    record Refuse(Code code, String message, boolean clearCookies) implements Decision {
    }

    Open OPEN = new Open();
}
