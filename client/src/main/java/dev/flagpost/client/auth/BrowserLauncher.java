package dev.flagpost.client.auth;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.PrintStream;
import java.net.URI;

/** Shows the user the authorization URL. Tests substitute one that plays the browser. */
@FunctionalInterface
public interface BrowserLauncher {
    void open(URI authorizationUrl);

    /** Opens the system browser when there is one; otherwise prints the URL to {@code out}. */
    static BrowserLauncher system(PrintStream out) {
        return url -> {
            out.println("Opening your browser to log in. If it does not open, visit:");
            out.println("  " + url);
            try {
                if (!GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                        && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                    Desktop.getDesktop().browse(url);
                }
            } catch (Exception | LinkageError e) {
                // No desktop (SSH, container): the printed URL is the way.
            }
        };
    }
}
