package dev.flagpost.client.cli;

import dev.flagpost.client.auth.AuthenticationException;
import dev.flagpost.client.auth.Authenticator;
import dev.flagpost.client.auth.ClientCredentialsAuthenticator;
import dev.flagpost.client.auth.DeviceCodeAuthenticator;
import dev.flagpost.client.auth.DevicePrompt;
import dev.flagpost.client.auth.ExternalCommandAuthenticator;
import dev.flagpost.client.auth.KubernetesServiceAccountAuthenticator;
import dev.flagpost.client.auth.ManagedTokenSource;
import dev.flagpost.client.auth.PkceAuthenticator;
import dev.flagpost.client.auth.StaticTokenAuthenticator;
import dev.flagpost.client.config.ClientConfig;
import dev.flagpost.client.config.ClientConfigStore;
import dev.flagpost.client.config.RemoteClientConfigStore;
import dev.flagpost.client.config.ServerEndpoint;
import dev.flagpost.client.http.AuthenticatedHttpClient;
import dev.flagpost.client.http.HttpClients;
import dev.flagpost.client.store.TokenStore;
import dev.flagpost.client.store.TokenStores;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/** {@code flagpost}: log in to a Flagpost server and call its auth and evaluation APIs. */
@Command(name = "flagpost", mixinStandardHelpOptions = true, version = "flagpost 0.1.0",
        description = "Flagpost command-line client.",
        subcommands = {LoginCommand.class, LogoutCommand.class, WhoamiCommand.class, TokenCommand.class,
                EvaluateCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Environment: FLAGPOST_URL (server), FLAGPOST_TOKEN (static client token),",
                "FLAGPOST_AUTH_MODE, FLAGPOST_CLIENT_ID, FLAGPOST_CLIENT_SECRET, FLAGPOST_NO_KEYRING=1,",
                "FLAGPOST_ALLOW_INSECURE=1 (send tokens over plain http to non-loopback hosts).",
                "Config file: $XDG_CONFIG_HOME/flagpost/config.json (default ~/.config/flagpost/config.json)."})
public final class FlagpostCli {
    static final int EXIT_AUTH = 3;
    static final String DEFAULT_MODE = "pkce";

    final CliEnvironment environment;

    @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Flagpost server URL (default: $FLAGPOST_URL, then \"server\" in the config file)")
    String server;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "config file (default: <config dir>/config.json)")
    Path configFile;

    private CliConfig config;
    private TokenStore store;

    public FlagpostCli(CliEnvironment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(commandLine(CliEnvironment.system()).execute(args));
    }

    /** A ready-to-run command line with Flagpost's error handling. */
    public static CommandLine commandLine(CliEnvironment environment) {
        CommandLine cl = new CommandLine(new FlagpostCli(environment));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            if (e instanceof AuthenticationException) {
                return EXIT_AUTH;
            }
            if (e instanceof ApiException api) {
                return api.httpStatus == 401 ? EXIT_AUTH : 1;
            }
            if (e instanceof IllegalArgumentException) {
                return 2;
            }
            return 1;
        });
        return cl;
    }

    CliConfig config() {
        if (config == null) {
            config = CliConfig.load(configFile != null ? configFile : environment.configDir().resolve("config.json"));
        }
        return config;
    }

    ServerEndpoint endpoint() {
        String url = server != null ? server : environment.getenv("FLAGPOST_URL");
        url = url != null ? url : config().server();
        if (url == null) {
            throw new IllegalArgumentException("no server given: pass --server URL, set FLAGPOST_URL, or add \"server\" to "
                    + environment.configDir().resolve("config.json"));
        }
        return ServerEndpoint.of(url);
    }

    TokenStore store() {
        if (store == null) {
            store = TokenStores.defaultStore(environment.configDir(), environment.env(), System.getProperty("os.name", ""));
        }
        return store;
    }

    /** Remote config from the server, with the config file's clientId/scopes/audience taking precedence. */
    ClientConfigStore clientConfig() {
        RemoteClientConfigStore remote = new RemoteClientConfigStore(endpoint());
        CliConfig local = config();
        return () -> {
            ClientConfig.Builder b = remote.get().toBuilder();
            if (local.clientId() != null) {
                b.clientId(local.clientId());
            }
            if (!local.scopes().isEmpty()) {
                b.scopes(local.scopes());
            }
            if (local.audience() != null) {
                b.audience(local.audience());
            }
            return b.build();
        };
    }

    String mode() {
        String m = environment.getenv("FLAGPOST_AUTH_MODE");
        m = m != null ? m : config().authMode();
        return m != null ? m.toLowerCase(Locale.ROOT) : DEFAULT_MODE;
    }

    Authenticator authenticator(String mode, String clientIdOverride) {
        Clock clock = Clock.systemUTC();
        return switch (mode) {
            case "pkce" -> new PkceAuthenticator(clientConfig(), environment.browser(), PkceAuthenticator.DEFAULT_TIMEOUT, clock);
            case "device" -> new DeviceCodeAuthenticator(clientConfig(), DevicePrompt.printingTo(environment.err()),
                    environment.sleeper(), clock);
            case "client-credentials" -> {
                String secret = environment.getenv("FLAGPOST_CLIENT_SECRET");
                if (secret == null) {
                    throw new AuthenticationException("client credentials need the secret in FLAGPOST_CLIENT_SECRET");
                }
                String id = clientIdOverride != null ? clientIdOverride : environment.getenv("FLAGPOST_CLIENT_ID");
                yield new ClientCredentialsAuthenticator(clientConfig(), id != null ? id : config().clientId(), secret, clock);
            }
            case "command" -> new ExternalCommandAuthenticator(config().command(), Duration.ofMinutes(1));
            case "kubernetes" -> new KubernetesServiceAccountAuthenticator(endpoint(),
                    config().kubernetesTokenPath() != null ? Path.of(config().kubernetesTokenPath())
                            : KubernetesServiceAccountAuthenticator.DEFAULT_TOKEN_PATH,
                    HttpClients.builder().build(), allowInsecure());
            default -> throw new IllegalArgumentException("unknown auth mode \"" + mode
                    + "\"; use pkce, device, client-credentials, command or kubernetes");
        };
    }

    /**
     * Flagpost reads {@code Bearer} as its own client token and {@code JWT} as an IdP token for the
     * JWT method, so IdP tokens go as JWT unless the config says otherwise.
     */
    static final String DEFAULT_IDP_TOKEN_SCHEME = "JWT";

    ManagedTokenSource tokenSource(Authenticator authenticator) {
        String scheme = config().tokenScheme() != null ? config().tokenScheme() : DEFAULT_IDP_TOKEN_SCHEME;
        return ManagedTokenSource.builder(authenticator, endpoint().key()).store(store())
                .interactiveAllowed(environment.interactive()).scheme(scheme).build();
    }

    /** The token source for API commands: FLAGPOST_TOKEN wins, else the configured mode. */
    ManagedTokenSource apiTokenSource() {
        String token = environment.getenv("FLAGPOST_TOKEN");
        return tokenSource(token != null ? new StaticTokenAuthenticator(token) : authenticator(mode(), null));
    }

    ApiClient api() {
        return new ApiClient(endpoint(), new AuthenticatedHttpClient(
                HttpClients.builder().connectTimeout(Duration.ofSeconds(10)).build(), apiTokenSource(),
                allowInsecure()));
    }

    boolean allowInsecure() {
        return "1".equals(environment.getenv("FLAGPOST_ALLOW_INSECURE"));
    }
}
