package org.llmgate.budget.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.llmgate.platform.LlmgateDataSource;
import org.llmgate.platform.persistence.Transactions;

/**
 * Spent and reserved amounts per budget, period and student, in PostgreSQL. The no-overshoot rule
 * (SPEC §11) is one conditional upsert per budget: the row is only changed when
 * {@code spent + reserved + this reservation <= limit}, with the limit read from {@code budgets} in
 * the same statement. PostgreSQL's row lock serialises competing reservations on one row, across
 * threads and cluster instances alike, so the check and the charge are never two steps.
 */
@ApplicationScoped
public class BudgetLedger {

    /** A fresh row only comes to exist if the reservation fits on its own; an existing one only grows if it fits. */
    private static final String RESERVE = "INSERT INTO budget_usage AS u (budget_id, period_start, user_id, reserved_cents, reserved_tokens)"
            + " SELECT b.id, ?, ?, ?, ? FROM budgets b WHERE b.id = ?"
            + " AND (b.limit_cents IS NULL OR ? <= b.limit_cents) AND (b.limit_tokens IS NULL OR ? <= b.limit_tokens)"
            + " ON CONFLICT (budget_id, period_start, user_id) DO UPDATE"
            + " SET reserved_cents = u.reserved_cents + EXCLUDED.reserved_cents, reserved_tokens = u.reserved_tokens + EXCLUDED.reserved_tokens"
            + " WHERE EXISTS (SELECT 1 FROM budgets b WHERE b.id = u.budget_id"
            + " AND (b.limit_cents IS NULL OR u.spent_cents + u.reserved_cents + EXCLUDED.reserved_cents <= b.limit_cents)"
            + " AND (b.limit_tokens IS NULL OR u.spent_tokens + u.reserved_tokens + EXCLUDED.reserved_tokens <= b.limit_tokens))";
    /** Spent grows by the attempts' usage; reserved shrinks by what the instance held for them and gives back. */
    private static final String RELEASE = "INSERT INTO budget_usage AS u (budget_id, period_start, user_id, spent_cents, spent_tokens)"
            + " SELECT b.id, ?, ?, ?, ? FROM budgets b WHERE b.id = ?"
            + " ON CONFLICT (budget_id, period_start, user_id) DO UPDATE"
            + " SET spent_cents = u.spent_cents + EXCLUDED.spent_cents, spent_tokens = u.spent_tokens + EXCLUDED.spent_tokens,"
            + " reserved_cents = greatest(u.reserved_cents - ?, 0), reserved_tokens = greatest(u.reserved_tokens - ?, 0)"
            + " RETURNING u.spent_cents, u.spent_tokens";

    @Resource(lookup = LlmgateDataSource.JNDI_NAME)
    DataSource dataSource;

    /** Called by {@link BudgetStartup}, so this bean is created in a component context (its call is the point). */
    public void start() {
        // instantiation is the point
    }

    /**
     * Reserves each row's amount, all or nothing, in one transaction and one round trip. Rows are
     * taken in the order given (budget id order), so two instances never wait on each other in a cycle.
     *
     * @return -1 when every budget took its amount, else the index of the first that refused it
     */
    public int reserve(List<UsageKey> keys, List<Amount> amounts) throws SQLException {
        return Transactions.inOne(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(RESERVE)) {
                for (int i = 0; i < keys.size(); i++) {
                    UsageKey key = keys.get(i);
                    Amount amount = amounts.get(i);
                    s.setTimestamp(1, Timestamp.from(key.periodStart()));
                    s.setString(2, key.user());
                    s.setBigDecimal(3, amount.cents());
                    s.setLong(4, amount.tokens());
                    s.setLong(5, key.budgetId());
                    s.setBigDecimal(6, amount.cents());
                    s.setLong(7, amount.tokens());
                    s.addBatch();
                }
                int[] counts = s.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 0) {
                        c.rollback();
                        return i;
                    }
                }
                return -1;
            }
        });
    }

    /**
     * Moves what attempts spent from reserved to spent and gives unused reservations back, row by
     * row in one transaction. A row that no longer exists (its student erased meanwhile) is created
     * with the spending, as long as its budget exists: spending is never lost.
     *
     * @return each row's spent cents and tokens after it (null: the budget was deleted)
     */
    public List<Spent> release(List<Release> releases) throws SQLException {
        return Transactions.inOne(dataSource, c -> {
            List<Spent> after = new ArrayList<>(releases.size());
            try (PreparedStatement s = c.prepareStatement(RELEASE)) {
                for (Release r : releases) {
                    UsageKey key = r.key();
                    s.setTimestamp(1, Timestamp.from(key.periodStart()));
                    s.setString(2, key.user());
                    s.setBigDecimal(3, r.spent().cents());
                    s.setLong(4, r.spent().tokens());
                    s.setLong(5, key.budgetId());
                    s.setBigDecimal(6, r.spent().cents().add(r.returned().cents()));
                    s.setLong(7, r.spent().tokens() + r.returned().tokens());
                    try (ResultSet rs = s.executeQuery()) {
                        after.add(rs.next() ? new Spent(rs.getBigDecimal(1), rs.getLong(2)) : null);
                    }
                }
                return after;
            }
        });
    }

    /** What one instance gives back for one row: spent by its attempts, and held but unused. */
    public record Release(UsageKey key, Amount spent, Amount returned) {
    }

    /** A row's totals: {@code students} is filled only for a per-student budget asked without a student. */
    public record Totals(BigDecimal spentCents, long spentTokens, BigDecimal reservedCents, long reservedTokens) {
    }

    public record Spent(BigDecimal cents, long tokens) {
    }

    public record StudentSpent(String user, BigDecimal spentCents, long spentTokens) {
    }

    /** Sums over the period's rows: one student's when {@code user} is given, else all of them. */
    public Totals totals(long budgetId, java.time.Instant periodStart, String user) {
        String sql = "SELECT coalesce(sum(spent_cents), 0), coalesce(sum(spent_tokens), 0), coalesce(sum(reserved_cents), 0),"
                + " coalesce(sum(reserved_tokens), 0) FROM budget_usage WHERE budget_id = ? AND period_start = ?"
                + (user == null ? "" : " AND user_id = ?");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, budgetId);
            s.setTimestamp(2, Timestamp.from(periodStart));
            if (user != null) {
                s.setString(3, user);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Totals(rs.getBigDecimal(1), rs.getLong(2), rs.getBigDecimal(3), rs.getLong(4));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read budget usage", e);
        }
    }

    /** The period's top spenders of a per-student budget (erased students' anonymous sum excluded). */
    public List<StudentSpent> topStudents(long budgetId, java.time.Instant periodStart, int limit) {
        String sql = "SELECT user_id, spent_cents, spent_tokens FROM budget_usage WHERE budget_id = ? AND period_start = ?"
                + " AND user_id <> ? ORDER BY spent_cents DESC, spent_tokens DESC, user_id LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, budgetId);
            s.setTimestamp(2, Timestamp.from(periodStart));
            s.setString(3, ERASED);
            s.setInt(4, limit);
            try (ResultSet rs = s.executeQuery()) {
                List<StudentSpent> list = new ArrayList<>();
                while (rs.next()) {
                    list.add(new StudentSpent(rs.getString(1), rs.getBigDecimal(2), rs.getLong(3)));
                }
                return list;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read budget usage", e);
        }
    }

    /**
     * The anonymous row erased students' spending is folded into. A control character cannot be
     * part of a student id (they are refused at the API), so it never names a real student.
     */
    static final String ERASED = "\u0001erased";

    /**
     * Erasure (SPEC §11 Privacy): the student's per-student rows are folded into the anonymous row,
     * so what they spent still counts against the budget, and their id is gone from this table.
     */
    public void eraseStudent(Connection c, long organizationId, String user) throws SQLException {
        String fold = "INSERT INTO budget_usage AS t (budget_id, period_start, user_id, spent_cents, spent_tokens)"
                + " SELECT u.budget_id, u.period_start, ?, u.spent_cents, u.spent_tokens FROM budget_usage u"
                + " JOIN budgets b ON b.id = u.budget_id WHERE b.organization_id = ? AND u.user_id = ?"
                + " ON CONFLICT (budget_id, period_start, user_id) DO UPDATE"
                + " SET spent_cents = t.spent_cents + EXCLUDED.spent_cents, spent_tokens = t.spent_tokens + EXCLUDED.spent_tokens";
        String drop = "DELETE FROM budget_usage u USING budgets b WHERE b.id = u.budget_id AND b.organization_id = ? AND u.user_id = ?";
        try (PreparedStatement s = c.prepareStatement(fold)) {
            s.setString(1, ERASED);
            s.setLong(2, organizationId);
            s.setString(3, user);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(drop)) {
            s.setLong(1, organizationId);
            s.setString(2, user);
            s.executeUpdate();
        }
    }
}
