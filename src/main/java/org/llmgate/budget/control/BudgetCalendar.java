package org.llmgate.budget.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.eclipse.microprofile.config.Config;

/**
 * The time zone budget periods and report days are aligned in ({@code LLMGATE_TIMEZONE}, default
 * UTC) and the clock they are read from; one place, so a test or a future admin override changes
 * both at once.
 */
@ApplicationScoped
public class BudgetCalendar {

    @Inject
    Config config;

    private ZoneId zone = ZoneId.of("UTC");
    private Clock clock = Clock.systemUTC();

    @PostConstruct
    void init() {
        zone = ZoneId.of(config.getOptionalValue("llmgate.timezone", String.class).orElse("UTC"));
    }

    /** For tests: read time from {@code clock} in {@code zone} (a period boundary without waiting for one). */
    void use(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    public Instant now() {
        return clock.instant();
    }
}
