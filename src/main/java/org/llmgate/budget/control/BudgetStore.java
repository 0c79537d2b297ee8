package org.llmgate.budget.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.llmgate.budget.entity.Budget;
import org.llmgate.platform.LlmgateDataSource;

/** The {@code budgets} table, in plain JDBC like the other stores the hot path reads through a cache. */
@ApplicationScoped
public class BudgetStore {

    private static final String COLUMNS = "id, organization_id, course_id, homework_id, per_student, period, limit_cents, limit_tokens";

    @Resource(lookup = LlmgateDataSource.JNDI_NAME)
    DataSource dataSource;

    public List<Budget> all() {
        return query("SELECT " + COLUMNS + " FROM budgets ORDER BY id", null);
    }

    public List<Budget> ofOrganization(long organizationId) {
        return query("SELECT " + COLUMNS + " FROM budgets WHERE organization_id = ? ORDER BY id", organizationId);
    }

    public Optional<Budget> find(long id) {
        return query("SELECT " + COLUMNS + " FROM budgets WHERE id = ?", id).stream().findFirst();
    }

    public Budget insert(Budget b) {
        String sql = "INSERT INTO budgets (organization_id, course_id, homework_id, per_student, period, limit_cents, limit_tokens)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS;
        return write(sql, b, null);
    }

    public Optional<Budget> update(long id, Budget b) {
        String sql = "UPDATE budgets SET organization_id = ?, course_id = ?, homework_id = ?, per_student = ?, period = ?,"
                + " limit_cents = ?, limit_tokens = ? WHERE id = ? RETURNING " + COLUMNS;
        return Optional.ofNullable(write(sql, b, id));
    }

    public boolean delete(long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("DELETE FROM budgets WHERE id = ?")) {
            s.setLong(1, id);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot delete budget " + id, e);
        }
    }

    /** The organization a course or homework belongs to, and a homework's course: for validation. */
    public Optional<long[]> parentsOf(String table, long id) {
        String sql = "homeworks".equals(table)
                ? "SELECT c.organization_id, h.course_id FROM homeworks h JOIN courses c ON c.id = h.course_id WHERE h.id = ?"
                : "courses".equals(table) ? "SELECT organization_id, id FROM courses WHERE id = ?"
                : "SELECT id, 0 FROM organizations WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new long[] {rs.getLong(1), rs.getLong(2)}) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read " + table + " " + id, e);
        }
    }

    private Budget write(String sql, Budget b, Long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, b.organizationId());
            setLong(s, 2, b.courseId());
            setLong(s, 3, b.homeworkId());
            s.setBoolean(4, b.perStudent());
            s.setString(5, b.period());
            s.setBigDecimal(6, b.limitCents());
            setLong(s, 7, b.limitTokens());
            if (id != null) {
                s.setLong(8, id);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot save budget", e);
        }
    }

    private List<Budget> query(String sql, Long parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setLong(1, parameter);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<Budget> budgets = new ArrayList<>();
                while (rs.next()) {
                    budgets.add(read(rs));
                }
                return budgets;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read budgets", e);
        }
    }

    private static Budget read(ResultSet rs) throws SQLException {
        BigDecimal cents = rs.getBigDecimal(7);
        return new Budget(rs.getLong(1), rs.getLong(2), rs.getObject(3, Long.class), rs.getObject(4, Long.class),
                rs.getBoolean(5), rs.getString(6), cents == null ? null : cents.setScale(Math.max(0, cents.stripTrailingZeros().scale())),
                rs.getObject(8, Long.class));
    }

    static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }
}
