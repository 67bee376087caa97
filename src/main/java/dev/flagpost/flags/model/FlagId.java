package dev.flagpost.flags.model;

import java.io.Serializable;

/** Composite key of flags and segments: (namespace_key, key). */
public record FlagId(String namespaceKey, String key) implements Serializable {
}
