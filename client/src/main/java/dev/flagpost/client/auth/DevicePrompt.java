package dev.flagpost.client.auth;

import java.io.PrintStream;
import java.net.URI;

/** Tells the user where to approve a device login (RFC 8628 §3.3). */
@FunctionalInterface
public interface DevicePrompt {
    void show(URI verificationUri, String userCode, URI verificationUriComplete);

    static DevicePrompt printingTo(PrintStream out) {
        return (uri, code, complete) -> {
            out.println("To log in, visit " + uri + " and enter the code: " + code);
            if (complete != null) {
                out.println("Or open: " + complete);
            }
            out.println("Waiting for approval...");
        };
    }
}
