package dev.flagpost.client.auth;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.flagpost.client.config.ClientConfig;
import dev.flagpost.client.config.ClientConfigStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * RFC 8628 device authorization grant for machines without a browser: show the user code, then poll
 * the token endpoint every {@code interval} (5 s when absent), adding 5 s on {@code slow_down}
 * (flytekit ignored it), until success, {@code access_denied}, {@code expired_token} or
 * {@code expires_in} runs out.
 */
public final class DeviceCodeAuthenticator extends RefreshingAuthenticator {
    static final long DEFAULT_INTERVAL_SECONDS = 5;
    static final long SLOW_DOWN_INCREMENT_SECONDS = 5;

    private final DevicePrompt prompt;
    private final Sleeper sleeper;

    public DeviceCodeAuthenticator(ClientConfigStore configStore, DevicePrompt prompt, Sleeper sleeper, Clock clock) {
        super(configStore, clock);
        this.prompt = Objects.requireNonNull(prompt, "prompt");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    public DeviceCodeAuthenticator(ClientConfigStore configStore) {
        this(configStore, DevicePrompt.printingTo(System.err), Sleeper.SYSTEM, Clock.systemUTC());
    }

    /** A started device authorization: what to show, and the state needed to poll. */
    public record Pending(DeviceAuthorizationSuccessResponse response, Instant deadline, long intervalSeconds) {
        public Pending slowedDown() {
            return new Pending(response, deadline, intervalSeconds + SLOW_DOWN_INCREMENT_SECONDS);
        }
    }

    @Override
    public Credentials authenticate() {
        Pending pending = start();
        DeviceAuthorizationSuccessResponse r = pending.response();
        prompt.show(r.getVerificationURI(), r.getUserCode().getValue(), r.getVerificationURIComplete());
        while (true) {
            try {
                sleeper.sleep(Duration.ofSeconds(pending.intervalSeconds()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AuthenticationException("device login interrupted", e);
            }
            try {
                return poll(pending);
            } catch (AuthenticationPendingException e) {
                if (e.slowDown()) {
                    pending = pending.slowedDown();
                }
            }
        }
    }

    /** Step 1 (RFC 8628 §3.1): ask the IdP for a device code and user code. */
    public Pending start() {
        ClientConfig config = configStore.get();
        DeviceAuthorizationRequest.Builder request = new DeviceAuthorizationRequest.Builder(
                new ClientID(config.require(config.clientId(), "client id")))
                .endpointURI(config.require(config.deviceAuthorizationEndpoint(),
                        "device authorization endpoint (the IdP may not support the device flow: use `flagpost login --pkce`)"));
        if (!config.scopes().isEmpty()) {
            request.scope(Scope.parse(config.scopes()));
        }
        if (config.audience() != null) {
            request.customParameter("audience", config.audience());
        }
        HTTPResponse http = TokenEndpoint.send(request.build().toHTTPRequest());
        DeviceAuthorizationResponse response;
        try {
            response = DeviceAuthorizationResponse.parse(http);
        } catch (ParseException e) {
            throw new AuthenticationException("the device authorization endpoint returned an unreadable answer (HTTP "
                    + http.getStatusCode() + ")", e, http.getStatusCode() >= 500);
        }
        if (!response.indicatesSuccess()) {
            var error = ((DeviceAuthorizationErrorResponse) response).getErrorObject();
            throw new AuthenticationException("the identity provider refused the device login: " + error.getCode()
                    + "; check the client id and that the device grant is enabled for it");
        }
        DeviceAuthorizationSuccessResponse success = response.toSuccessResponse();
        // Nimbus already applies RFC 8628's default of 5 s when "interval" is absent.
        long interval = success.getInterval() > 0 ? success.getInterval() : DEFAULT_INTERVAL_SECONDS;
        return new Pending(success, clock.instant().plusSeconds(success.getLifetime()), interval);
    }

    /**
     * Step 2 (RFC 8628 §3.4): one poll of the token endpoint.
     *
     * @throws AuthenticationPendingException when the user has not approved yet
     * @throws AuthenticationException        when denied, expired, or the deadline passed
     */
    public Credentials poll(Pending pending) {
        if (!clock.instant().isBefore(pending.deadline())) {
            throw new AuthenticationException("the device code expired before it was approved; run `flagpost login --device` again");
        }
        ClientConfig config = configStore.get();
        TokenRequest request = new TokenRequest.Builder(config.require(config.tokenEndpoint(), "token endpoint"),
                new ClientID(config.clientId()), new DeviceCodeGrant(pending.response().getDeviceCode())).build();
        try {
            return TokenEndpoint.exchange(request, config, clock);
        } catch (TokenErrorException e) {
            switch (e.code()) {
                case "authorization_pending" -> throw new AuthenticationPendingException(
                        "waiting for the user to approve the login", pending.intervalSeconds(), false);
                case "slow_down" -> throw new AuthenticationPendingException("the identity provider asked to poll slower",
                        pending.intervalSeconds() + SLOW_DOWN_INCREMENT_SECONDS, true);
                case "access_denied" -> throw new AuthenticationException(
                        "the login was denied on the verification page; run `flagpost login --device` to try again", e);
                case "expired_token" -> throw new AuthenticationException(
                        "the device code expired before it was approved; run `flagpost login --device` again", e);
                default -> throw e;
            }
        }
    }
}
