package dev.flagpost.authn.gate;

/**
 * A classified request: its section and what a namespace-scoped token may do there.
 *
 * @param namespace the namespace named by the path when {@code scope} is {@link Scope#NAMESPACE}
 * @param name      what the route is called in a refusal ("this API", an RPC name)
 */
public record Route(Section section, Scope scope, String namespace, String name) {

    public enum Scope {
        /** Not about one namespace (listing namespaces, token management, meta): scoped tokens are refused. */
        UNSCOPED,
        /** The path names the namespace; a scoped token must match it. */
        NAMESPACE,
        /** The body names the namespace (evaluation, Flipt RPCs): the handler checks it, per request entry. */
        IN_REQUEST
    }

    public static Route unscoped(Section section, String name) {
        return new Route(section, Scope.UNSCOPED, null, name);
    }
}
