package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmgate.platform.persistence.RowBatch;
import org.llmgate.platform.persistence.StoredText;
import org.postgresql.ds.PGSimpleDataSource;

/** The batch writer against a real PostgreSQL: a refused row is dropped alone, an outage keeps every row. */
class RowBatchIT {

    static TestDatabase db;
    static String url;

    @BeforeAll
    static void start() {
        db = TestDatabase.get();
        url = db.createDatabase("llmgate_rowbatch");
        execute("CREATE TABLE notes (id int PRIMARY KEY, text varchar(20) NOT NULL)");
    }

    @Test
    void a_row_the_database_refuses_is_dropped_alone_and_the_rest_of_the_batch_is_written() {
        RowBatch<String> batch = writer(dataSource(url));
        List<String> rows = List.of("1:fine", "2:with\u0000nul", "3:" + "x".repeat(50), "4:also fine");

        RowBatch.Outcome<String> outcome = batch.write(rows);

        assertThat(outcome.unwritten()).isEmpty();
        assertThat(outcome.refused()).isEqualTo(2);
        assertThat(texts(1, 4)).containsExactly("fine", "also fine");
    }

    @Test
    void cleaned_text_is_accepted() {
        RowBatch<String> batch = writer(dataSource(url));

        RowBatch.Outcome<String> outcome = batch.write(List.of("5:" + StoredText.clean("a\u0000b\u0007c", 20)));

        assertThat(outcome.refused()).isZero();
        assertThat(texts(5, 5)).containsExactly("abc");
    }

    @Test
    void an_unreachable_database_hands_every_row_back() {
        PGSimpleDataSource nowhere = dataSource("jdbc:postgresql://127.0.0.1:" + LlmgateServer.freePort() + "/none");
        nowhere.setConnectTimeout(2);
        List<String> rows = List.of("6:kept", "7:kept too");

        RowBatch.Outcome<String> outcome = writer(nowhere).write(rows);

        assertThat(outcome.databaseUnavailable()).isTrue();
        assertThat(outcome.unwritten()).isEqualTo(rows);
    }

    private static RowBatch<String> writer(PGSimpleDataSource dataSource) {
        return new RowBatch<>(dataSource, "INSERT INTO notes (id, text) VALUES (?, ?)", (s, row) -> {
            String[] parts = row.split(":", 2);
            s.setInt(1, Integer.parseInt(parts[0]));
            s.setString(2, parts[1]);
        }, row -> "note " + row.split(":", 2)[0], Logger.getLogger(RowBatchIT.class.getName()));
    }

    private static PGSimpleDataSource dataSource(String jdbcUrl) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl);
        ds.setUser(db.user());
        ds.setPassword(db.password());
        return ds;
    }

    private static List<String> texts(int fromId, int toId) {
        return Database.rows(db, url, "SELECT text FROM notes WHERE id BETWEEN " + fromId + " AND " + toId + " ORDER BY id");
    }

    private static void execute(String sql) {
        try (Connection c = db.connect(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
