package dev.flagpost.client.auth;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;

/**
 * Where a token may be sent in clear text. A bearer token sent over plain HTTP or plaintext gRPC
 * to another host can be read and replayed by anyone on the path, so the transports refuse it
 * unless the peer is this machine (loopback) or the caller explicitly allowed insecure transport.
 */
public final class TransportPolicy {
    private TransportPolicy() {
    }

    /** @param hostOrAuthority a host, "host:port", or "[v6]:port" */
    public static boolean isLoopback(String hostOrAuthority) {
        if (hostOrAuthority == null || hostOrAuthority.isEmpty()) {
            return false;
        }
        String host = URI.create("http://" + hostOrAuthority).getHost();
        if (host == null) {
            return false;
        }
        host = host.replace("[", "").replace("]", "").toLowerCase(Locale.ROOT);
        if (host.equals("localhost")) {
            return true;
        }
        // Only literal addresses: never resolve a name here (DNS could say anything).
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** Throws unless a token may go to {@code uri}: https, or http to loopback, or insecure allowed. */
    public static void checkHttp(URI uri, boolean allowInsecure) {
        if (allowInsecure || "https".equalsIgnoreCase(uri.getScheme()) || isLoopback(uri.getRawAuthority())) {
            return;
        }
        throw new AuthenticationException("refusing to send a token over plain http to " + uri.getHost()
                + "; use https (or, for a trusted network only, allow insecure transport explicitly)");
    }
}
