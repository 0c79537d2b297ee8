package org.llmgate.budget.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.llmgate.platform.Background;
import org.llmgate.platform.LlmgateDataSource;

/**
 * SPEC §11 Privacy: attempt rows older than {@code LLMGATE_USAGE_RETENTION_DAYS} (default 400) are
 * deleted daily. Budgets are unaffected: their sums live in {@code budget_usage}.
 */
@ApplicationScoped
public class UsageRetention {

    private static final Logger LOG = Logger.getLogger(UsageRetention.class.getName());

    @Resource(lookup = LlmgateDataSource.JNDI_NAME)
    DataSource dataSource;
    @Inject
    Background background;
    @Inject
    Config config;
    @Inject
    BudgetCalendar calendar;

    private ScheduledFuture<?> task;

    public void start() {
        if (task == null) {
            // hourly checks of a daily rule: a restart never postpones the deletion by a whole day
            task = background.every(Duration.ofHours(1).toMillis(), "usage retention", this::deleteExpired);
        }
    }

    void deleteExpired() {
        int days = config.getOptionalValue("llmgate.usage.retention-days", Integer.class).orElse(400);
        Timestamp before = Timestamp.from(calendar.now().minus(Duration.ofDays(days)));
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM attempts WHERE created_at < ?")) {
            s.setTimestamp(1, before);
            int deleted = s.executeUpdate();
            if (deleted > 0) {
                LOG.info("Deleted " + deleted + " attempt rows older than " + days + " days");
            }
        } catch (SQLException e) {
            LOG.warning("Cannot delete old attempt rows: " + e.getMessage());
        }
    }
}
