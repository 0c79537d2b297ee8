package org.llmgate.budget.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.llmgate.config.control.ConfigCache;
import org.llmgate.config.control.ConfigSnapshot;
import org.llmgate.platform.LlmgateDataSource;
import org.llmgate.platform.persistence.Transactions;

/**
 * Usage reports and erasure over {@code attempts} (SPEC §11). A chat counts once, on its final row:
 * the attempt that answered, else its last; every upstream call counts in {@code attempts}, every
 * failed one in {@code errors}; skipped hops cost nothing and are no attempts.
 */
@ApplicationScoped
public class UsageReports {

    public enum GroupBy {
        DAY, COURSE, HOMEWORK, MODEL, CONFIG, USER
    }

    public record Filter(long organizationId, Long courseId, Long homeworkId, String user, LocalDate from, LocalDate to) {
    }

    @Resource(lookup = LlmgateDataSource.JNDI_NAME)
    DataSource dataSource;
    @Inject
    BudgetCalendar calendar;
    @Inject
    ConfigCache cache;
    @Inject
    BudgetLedger ledger;
    @Inject
    BudgetLeases leases;

    public UsageReport report(Filter filter, GroupBy groupBy) {
        String key = switch (groupBy) {
            case DAY -> "to_char(created_at AT TIME ZONE ?, 'YYYY-MM-DD')";
            case COURSE -> "coalesce(CAST(course_id AS text), '')";
            case HOMEWORK -> "coalesce(CAST(homework_id AS text), '')";
            case MODEL -> "coalesce(model, '')";
            case CONFIG -> "coalesce(CAST(config_id AS text), '')";
            case USER -> "coalesce(user_id, '')";
        };
        StringBuilder where = new StringBuilder("organization_id = ? AND created_at >= ? AND created_at < ?");
        if (filter.courseId() != null) {
            where.append(" AND course_id = ?");
        }
        if (filter.homeworkId() != null) {
            where.append(" AND homework_id = ?");
        }
        if (filter.user() != null) {
            where.append(" AND user_id = ?");
        }
        String sql = "WITH a AS (SELECT *, row_number() OVER (PARTITION BY request_id"
                + " ORDER BY (outcome = 'success') DESC, hop DESC, id DESC) AS final_rank FROM attempts WHERE " + where + ")"
                + " SELECT " + key + " AS k, count(*) FILTER (WHERE final_rank = 1),"
                + " count(*) FILTER (WHERE outcome <> 'skipped'), count(*) FILTER (WHERE final_rank = 1 AND hop > 0),"
                + " count(*) FILTER (WHERE outcome = 'failure'), coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0),"
                + " coalesce(sum(cost_cents), 0), coalesce(bool_or(estimated), false), coalesce(bool_or(unpriced), false) FROM a GROUP BY k ORDER BY k";
        ConfigSnapshot snapshot = cache.snapshot();
        List<UsageRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setLong(i++, filter.organizationId());
            s.setTimestamp(i++, Timestamp.from(filter.from().atStartOfDay(calendar.zone()).toInstant()));
            s.setTimestamp(i++, Timestamp.from(filter.to().plusDays(1).atStartOfDay(calendar.zone()).toInstant()));
            if (filter.courseId() != null) {
                s.setLong(i++, filter.courseId());
            }
            if (filter.homeworkId() != null) {
                s.setLong(i++, filter.homeworkId());
            }
            if (filter.user() != null) {
                s.setString(i++, filter.user());
            }
            if (groupBy == GroupBy.DAY) {
                s.setString(i, calendar.zone().getId());
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String k = rs.getString(1);
                    BigDecimal cost = rs.getBigDecimal(8);
                    rows.add(new UsageRow(k, label(snapshot, groupBy, k), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), rs.getLong(7), plain(cost), rs.getBoolean(9), rs.getBoolean(10)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read usage", e);
        }
        UsageRow totals = new UsageRow(null, null, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, false, false);
        for (UsageRow row : rows) {
            totals = totals.plus(row);
        }
        return new UsageReport(filter.from(), filter.to(), groupBy.name().toLowerCase(java.util.Locale.ROOT), rows,
                new UsageRow(null, null, totals.chats(), totals.attempts(), totals.fallbacks(), totals.errors(),
                        totals.inputTokens(), totals.outputTokens(), plain(totals.costCents()), totals.estimated(), totals.unpriced()));
    }

    /**
     * Erases one student's attempt rows in an organization; their per-student budget rows are folded
     * into an anonymous sum in the same transaction, so the erasure frees no budget.
     */
    public int erase(long organizationId, String user) {
        // what this instance's attempts spent for the student is written first, and folded with the rest
        leases.flush(true);
        try {
            int deleted = Transactions.inOne(dataSource, c -> {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM attempts WHERE organization_id = ? AND user_id = ?")) {
                    s.setLong(1, organizationId);
                    s.setString(2, user);
                    int rows = s.executeUpdate();
                    ledger.eraseStudent(c, organizationId, user);
                    return rows;
                }
            });
            leases.forgetStudent(organizationId, user);
            return deleted;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot erase usage", e);
        }
    }

    private static BigDecimal plain(BigDecimal cents) {
        BigDecimal stripped = cents.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static String label(ConfigSnapshot snapshot, GroupBy groupBy, String key) {
        if (key.isEmpty()) {
            return groupBy == GroupBy.USER ? "(no student named)" : "(none)";
        }
        return switch (groupBy) {
            case COURSE -> nameOr(snapshot.courses(), key, v -> v.name());
            case HOMEWORK -> nameOr(snapshot.homeworks(), key, v -> v.name());
            case CONFIG -> nameOr(snapshot.configs(), key, v -> v.name());
            default -> key;
        };
    }

    private static <V> String nameOr(Map<Long, V> views, String key, java.util.function.Function<V, String> name) {
        V view = views.get(Long.parseLong(key));
        // a deleted course or config keeps its history under its id
        return view == null ? "#" + key : name.apply(view);
    }
}
