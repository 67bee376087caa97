package dev.flagpost.authn.method;

import dev.flagpost.authn.TokenCreator;
import dev.flagpost.authn.store.AuthenticationStore;
import dev.flagpost.authn.session.LoginFlows;
import dev.flagpost.authn.session.SessionIssuer;
import java.time.Clock;

/**
 * The shared parts a method may build on: issuing client tokens, browser sessions and pending
 * login flows; the store, for methods that look at what exists (the bootstrap token). Built once
 * per start by the application, before any method.
 */
public record MethodContext(AuthenticationStore store, TokenCreator tokens, SessionIssuer sessions, LoginFlows loginFlows, Clock clock) {
}
