package org.llmgate.learning.store;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.llmgate.learning.HintBook;
import org.llmgate.learning.HintConfig;
import org.llmgate.platform.SchemaReady;
import org.llmgate.platform.Settings;

/**
 * What this instance learned about models (SPEC §6): the {@link HintBook} the chat reads and
 * records outcomes in, configured from the settings and kept in step with the database by
 * {@link ModelHintsTable}.
 */
@ApplicationScoped
public class ModelLearning {

    @Inject
    Settings settings;
    @Inject
    ModelHintsTable store;

    private HintBook book;

    /** Restores the hints and starts their writer (in {@code @PostConstruct}) before the first chat. */
    void start(@Observes SchemaReady ready) {
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
