package dev.flagpost.flags.evaluation;

import dev.flagpost.flags.evaluation.EvaluationStateCache;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Once a second, drops evaluation snapshots of namespaces that another node changed
 * ({@code flagpost.evaluation.poll_interval_ms}, default 1000). Writes on this node need no poll.
 */
@Singleton
@Startup
public class EvaluationCachePoller {
    private static final Logger LOG = Logger.getLogger(EvaluationCachePoller.class.getName());

    @Resource
    TimerService timers;

    @Inject
    EvaluationStateCache snapshots;

    @PostConstruct
    void schedule() {
        long every = Long.getLong("flagpost.evaluation.poll_interval_ms", 1000);
        timers.createIntervalTimer(every, every, new TimerConfig("evaluation-cache-poll", false));
    }

    @Timeout
    void poll() {
        try {
            snapshots.poll();
        } catch (RuntimeException e) {
            // Database away: keep serving what we have; writes cannot happen meanwhile either.
            LOG.fine(() -> "evaluation cache poll failed: " + e.getMessage());
        }
    }
}
