package dev.flagpost.client.auth;

import java.time.Duration;

/** Waits between device-flow polls; injectable so tests never sleep. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());
}
