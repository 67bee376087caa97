package dev.flagpost.authn.gate;

import dev.flagpost.authn.config.AuthenticationConfig;
import java.util.EnumSet;
import java.util.Set;

/** Which sections need a caller under this config: {@code authentication.required} and its exclusions. */
public final class SectionAccess {
    private final Set<Section> guarded = EnumSet.noneOf(Section.class);

    public SectionAccess(AuthenticationConfig config) {
        guarded.add(Section.AUTH);
        if (config.required()) {
            guarded.add(Section.OTHER);
            if (!config.exclude().management()) {
                guarded.add(Section.MANAGEMENT);
            }
            if (!config.exclude().evaluation()) {
                guarded.add(Section.EVALUATION);
            }
            if (!config.exclude().ofrep()) {
                guarded.add(Section.OFREP);
            }
        }
    }

    public boolean needsCaller(Section section) {
        return guarded.contains(section);
    }
}
