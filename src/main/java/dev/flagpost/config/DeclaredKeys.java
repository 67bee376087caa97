package dev.flagpost.config;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Config keys a part of Flagpost declares (full keys, in {@link KeyDeclarations}' syntax), found by
 * {@link ServiceLoader} so that the config source, which MicroProfile Config creates before any
 * application code runs, knows them without depending on that code. Unknown-key checks and
 * environment-only map entries ({@link EnvMapKeys}) both come from these declarations.
 */
public interface DeclaredKeys {
    List<String> keys();

    /** Every declaration registered in {@code META-INF/services/dev.flagpost.config.DeclaredKeys}. */
    static List<String> all() {
        List<String> out = new ArrayList<>();
        ServiceLoader.load(DeclaredKeys.class, DeclaredKeys.class.getClassLoader()).forEach(d -> out.addAll(d.keys()));
        return List.copyOf(out);
    }
}
