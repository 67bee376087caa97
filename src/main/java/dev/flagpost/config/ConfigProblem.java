package dev.flagpost.config;

/** One thing wrong with the configuration: the key, what is wrong, and how to fix it. */
public record ConfigProblem(String key, String message, String fix) {
    public ConfigProblem {
        if (key == null || key.isBlank() || message == null || message.isBlank()) {
            throw new IllegalArgumentException("a config problem names a key and says what is wrong");
        }
    }

    @Override
    public String toString() {
        return fix == null || fix.isBlank()
                ? "field \"" + key + "\": " + message
                : "field \"" + key + "\": " + message + " (fix: " + fix + ")";
    }
}
