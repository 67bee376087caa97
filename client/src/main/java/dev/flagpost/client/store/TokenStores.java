package dev.flagpost.client.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Picks the best store this machine offers: OS keyring, else a 0600 file, else memory. */
public final class TokenStores {
    private static final System.Logger LOG = System.getLogger(TokenStores.class.getName());
    public static final Duration KEYRING_PROBE_TIMEOUT = Duration.ofSeconds(3);
    /** Set to "1"/"true" to skip the keyring (CI, shared machines). */
    public static final String NO_KEYRING_ENV = "FLAGPOST_NO_KEYRING";

    /** The probe runs once per process: it can take seconds, and the answer does not change. */
    private static volatile java.util.Optional<JavaKeyringBackend> probed;

    private TokenStores() {
    }

    private static synchronized java.util.Optional<JavaKeyringBackend> keyring() {
        if (probed == null) {
            probed = java.util.Optional.ofNullable(JavaKeyringBackend.probe(KEYRING_PROBE_TIMEOUT));
        }
        return probed;
    }

    public static TokenStore defaultStore(Path configDir) {
        return defaultStore(configDir, System.getenv(), System.getProperty("os.name", ""));
    }

    /** As {@link #defaultStore(Path)}, with the environment and OS name given (for tests and the CLI). */
    public static TokenStore defaultStore(Path configDir, Map<String, String> env, String osName) {
        if (keyringWorthProbing(env, osName)) {
            java.util.Optional<JavaKeyringBackend> backend = keyring();
            if (backend.isPresent()) {
                return new FailSafeTokenStore(new KeyringTokenStore(backend.get()));
            }
            LOG.log(System.Logger.Level.DEBUG, "no usable OS keyring; storing tokens in a file");
        }
        FileTokenStore file = new FileTokenStore(configDir.resolve("tokens"));
        if (file.usable()) {
            return new FailSafeTokenStore(file);
        }
        LOG.log(System.Logger.Level.WARNING, "cannot write " + configDir + "; tokens will last only for this process");
        return new MemoryTokenStore();
    }

    /**
     * Linux's Secret Service needs a D-Bus session: without one (SSH, containers, CI) java-keyring
     * would try to autolaunch dbus or hang, so don't even try.
     */
    static boolean keyringWorthProbing(Map<String, String> env, String osName) {
        String off = env.get(NO_KEYRING_ENV);
        if (off != null && (off.equals("1") || off.equalsIgnoreCase("true"))) {
            return false;
        }
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        if (os.contains("linux") || os.contains("bsd")) {
            String bus = env.get("DBUS_SESSION_BUS_ADDRESS");
            return bus != null && !bus.isBlank();
        }
        return os.contains("mac") || os.contains("windows");
    }
}
