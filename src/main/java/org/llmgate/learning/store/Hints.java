package org.llmgate.learning.store;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.llmgate.learning.HintBook;
import org.llmgate.learning.HintConfig;
import org.llmgate.platform.Settings;

/** This instance's model hints, read in memory on the hot path (SPEC §6). */
@ApplicationScoped
public class Hints {

    @Inject
    Settings settings;

    private HintBook book;

    @PostConstruct
    void init() {
        HintConfig defaults = HintConfig.defaults();
        book = new HintBook(new HintConfig(
                settings.integer("llmgate.hints.blacklist-after-errors", defaults.blacklistAfterErrors()),
                settings.seconds("llmgate.hints.recovery-seconds", defaults.recoveryPeriod()),
                defaults.probeTimeout()));
    }

    public HintBook book() {
        return book;
    }

}
