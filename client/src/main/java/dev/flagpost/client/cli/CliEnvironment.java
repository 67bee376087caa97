package dev.flagpost.client.cli;

import dev.flagpost.client.auth.BrowserLauncher;
import dev.flagpost.client.auth.Sleeper;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the CLI reads from its surroundings, injectable so tests never touch the real
 * environment, config directory, keyring or browser.
 *
 * @param sleeper     waits between device-flow polls
 * @param interactive whether a person is at the terminal (a browser or device login may start)
 */
public record CliEnvironment(Map<String, String> env, Path configDir, PrintStream err,
                             BrowserLauncher browser, Sleeper sleeper, boolean interactive) {

    public static CliEnvironment system() {
        Map<String, String> env = System.getenv();
        return new CliEnvironment(env, defaultConfigDir(env, System.getProperty("user.home"),
                System.getProperty("os.name", "")), System.err, BrowserLauncher.system(System.err),
                Sleeper.SYSTEM, System.console() != null);
    }

    /** $XDG_CONFIG_HOME/flagpost, else ~/.config/flagpost; %APPDATA%\flagpost on Windows. */
    static Path defaultConfigDir(Map<String, String> env, String home, String osName) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "flagpost");
        }
        String appData = env.get("APPDATA");
        if (osName.toLowerCase(java.util.Locale.ROOT).contains("windows") && appData != null && !appData.isBlank()) {
            return Path.of(appData, "flagpost");
        }
        return Path.of(home, ".config", "flagpost");
    }

    String getenv(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }
}
