package dev.flagpost.flags.store;

import dev.flagpost.flags.model.ConstraintEntity;
import dev.flagpost.flags.model.DistributionEntity;
import dev.flagpost.flags.model.FlagEntity;
import dev.flagpost.flags.model.NamespaceEntity;
import dev.flagpost.flags.model.NamespaceVersionEntity;
import dev.flagpost.flags.model.RolloutEntity;
import dev.flagpost.flags.model.RolloutSegmentEntity;
import dev.flagpost.flags.model.RuleEntity;
import dev.flagpost.flags.model.RuleSegmentEntity;
import dev.flagpost.flags.model.SegmentEntity;
import dev.flagpost.flags.model.VariantEntity;
import java.util.List;

/** The management services over one shared {@link FlagState}. */
public record FlagServices(NamespaceService namespaces, FlagService flags, SegmentService segments, RuleService rules,
                           RolloutService rollouts) {

    public static final List<Class<?>> ENTITIES = List.of(NamespaceEntity.class, FlagEntity.class, VariantEntity.class,
            SegmentEntity.class, ConstraintEntity.class, RuleEntity.class, RuleSegmentEntity.class, DistributionEntity.class,
            RolloutEntity.class, RolloutSegmentEntity.class, NamespaceVersionEntity.class);

    public static FlagServices over(FlagState state) {
        return new FlagServices(new NamespaceService(state), new FlagService(state), new SegmentService(state),
                new RuleService(state), new RolloutService(state));
    }
}
