package dev.flagpost.authn.method;

import dev.flagpost.authn.Authentication;
import java.util.List;
import java.util.Optional;

/** Authentications a method holds from its config (the token method's static tokens): matched before the store, never changed by API. */
public interface ConfiguredAuthentications {
    ConfiguredAuthentications NONE = new ConfiguredAuthentications() {
        @Override
        public Optional<Authentication> byHash(String tokenHash) {
            return Optional.empty();
        }

        @Override
        public Optional<Authentication> byId(String id) {
            return Optional.empty();
        }

        @Override
        public String whyUnchangeable(String id) {
            return null;
        }
    };

    Optional<Authentication> byHash(String tokenHash);

    Optional<Authentication> byId(String id);

    /** The refusal for an API change of configured authentication {@code id} (naming the config key), or null if it is not one. */
    String whyUnchangeable(String id);

    /** All of {@code parts} as one, asked in order. */
    static ConfiguredAuthentications of(List<ConfiguredAuthentications> parts) {
        if (parts.isEmpty()) {
            return NONE;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<ConfiguredAuthentications> all = List.copyOf(parts);
        return new ConfiguredAuthentications() {
            @Override
            public Optional<Authentication> byHash(String tokenHash) {
                return all.stream().flatMap(c -> c.byHash(tokenHash).stream()).findFirst();
            }

            @Override
            public Optional<Authentication> byId(String id) {
                return all.stream().flatMap(c -> c.byId(id).stream()).findFirst();
            }

            @Override
            public String whyUnchangeable(String id) {
                return all.stream().map(c -> c.whyUnchangeable(id)).filter(java.util.Objects::nonNull).findFirst().orElse(null);
            }
        };
    }
}
