package org.llmgate.system;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Reads what llmgate wrote, straight from its PostgreSQL database. */
final class Database {

    private Database() {
    }

    static List<String> rows(Llmgate llmgate, String sql) {
        return rows(llmgate.db, llmgate.dbUrl, sql);
    }

    static List<String> rows(TestDatabase db, String url, String sql) {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return rows;
    }

    /** Runs a statement of the test's own (setting up old rows, say). */
    static void execute(Llmgate llmgate, String sql) {
        try (Connection c = llmgate.db.connect(llmgate.dbUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Rows written off the request path arrive a moment later: wait, with a bound, for at least n. */
    static List<String> awaitRows(Llmgate llmgate, String sql, int atLeast) {
        AtomicReference<List<String>> rows = new AtomicReference<>(List.of());
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    rows.set(rows(llmgate, sql));
                    return rows.get().size() >= atLeast;
                });
        return rows.get();
    }
}
