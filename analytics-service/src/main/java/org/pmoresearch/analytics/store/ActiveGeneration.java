package org.pmoresearch.analytics.store;

import org.pmoresearch.analytics.config.AnalyticsProperties;
import org.pmoresearch.analytics.domain.Generation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This instance's view of the active generation, re-read from the store every poll interval so that a
 * rebuild completed by any instance is followed by all of them.
 */
@Component
public class ActiveGeneration {

    private static final Logger log = LoggerFactory.getLogger(ActiveGeneration.class);

    private final AnalyticsStateStore state;
    private volatile Generation current;

    public ActiveGeneration(AnalyticsStateStore state) {
        this.state = state;
    }

    public Generation current() {
        Generation known = current;
        if (known == null) {
            known = state.activeGeneration();
            current = known;
        }
        return known;
    }

    /** Called by the instance that switched, so that it does not wait for the next poll. */
    public void switchedTo(Generation generation) {
        current = generation;
    }

    @Scheduled(fixedDelayString = AnalyticsProperties.Live.POLL_INTERVAL)
    void refresh() {
        try {
            Generation stored = state.activeGeneration();
            if (!stored.equals(current)) {
                log.info("Active generation is now {}", stored.number());
                current = stored;
            }
        } catch (DataAccessException storeUnavailable) {
            log.debug("Cannot read the active generation; keeping {}", current, storeUnavailable);
        }
    }
}
