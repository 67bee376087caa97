package dev.flagpost.config;

import jakarta.annotation.Priority;
import java.time.Duration;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Go's duration syntax ({@code 90s}, {@code 1h30m}, {@code 300ms}) for every {@link Duration} read
 * through MicroProfile Config, as Flipt's config files write them — also when a value comes from a
 * server.xml variable or the environment. Registered in
 * {@code META-INF/services/org.eclipse.microprofile.config.spi.Converter}; above the default
 * priority so that it wins over any built-in {@code Duration} converter.
 */
@Priority(200)
public final class GoDurationConverter implements Converter<Duration> {
    static final GoDurationConverter INSTANCE = new GoDurationConverter();

    /** @throws IllegalArgumentException naming what is wrong, e.g. {@code unknown unit "x" in duration "5x"} */
    @Override
    public Duration convert(String value) {
        if (value == null || value.isBlank()) {
            return null; // MicroProfile Config: an empty value is a missing one
        }
        return GoDuration.parse(value.strip());
    }
}
