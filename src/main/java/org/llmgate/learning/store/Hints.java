package org.llmgate.learning.store;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.llmgate.learning.HintBook;
import org.llmgate.learning.HintConfig;
import org.llmgate.platform.Settings;

/** This instance's model hints, read in memory on the hot path (SPEC §6), persisted by {@link HintStore}. */
@ApplicationScoped
public class Hints {

    @Inject
    Settings settings;
    @Inject
    HintStore store;

    private HintBook book;

    /** Created at deployment, on a container thread, so hints are restored before the first chat. */
    void eager(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        // instantiation is the point
    }

    @PostConstruct
    void init() {
        HintConfig defaults = HintConfig.defaults();
        book = new HintBook(new HintConfig(
                settings.integer("llmgate.hints.blacklist-after-errors", defaults.blacklistAfterErrors()),
                settings.seconds("llmgate.hints.recovery-seconds", defaults.recoveryPeriod()),
                defaults.probeTimeout()));
        store.attach(book);
    }

    public HintBook book() {
        return book;
    }
}
