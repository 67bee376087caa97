package dev.flagpost.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** All REST routes live at the root, as Flipt's do ({@code /auth/v1}, {@code /api/v1}, {@code /evaluate/v1}). */
@ApplicationPath("/")
public class FlagpostApplication extends Application {
}
