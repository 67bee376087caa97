package dev.flagpost.client.cli;

import dev.flagpost.client.auth.Authenticator;
import dev.flagpost.client.auth.Credentials;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "login", mixinStandardHelpOptions = true, description = "Log in and store the tokens for this server (keyring, else a 0600 file).")
final class LoginCommand implements Callable<Integer> {
    @ParentCommand
    FlagpostCli root;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    Flow flow;

    static final class Flow {
        @Option(names = "--pkce", description = "browser login (authorization code + PKCE); the default")
        boolean pkce;

        @Option(names = "--device", description = "device code login for machines without a browser")
        boolean device;

        @Option(names = "--client-credentials", description = "machine login; secret from FLAGPOST_CLIENT_SECRET")
        boolean clientCredentials;
    }

    @Option(names = "--client-id", description = "client id for --client-credentials (default: FLAGPOST_CLIENT_ID or config)")
    String clientId;

    @Override
    public Integer call() {
        String mode = flow == null ? root.mode()
                : flow.device ? "device" : flow.clientCredentials ? "client-credentials" : "pkce";
        Authenticator authenticator = root.authenticator(mode, clientId);
        Credentials c = root.tokenSource(authenticator).login();
        String stored = authenticator.persistable() ? "stored in the " + root.store().kind() + " store"
                : "not stored: this mode authenticates on every run";
        spec.commandLine().getOut().println("Logged in to " + root.endpoint() + " (" + mode + "; " + stored
                + (c.expiresAt() == null ? "" : "; access token expires " + c.expiresAt()) + ").");
        return 0;
    }
}
