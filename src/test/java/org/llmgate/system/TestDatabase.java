package org.llmgate.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The real PostgreSQL the system tests run against: LLMGATE_TEST_DB_URL (+ _USER, _PASSWORD) when
 * set, else an embedded PostgreSQL started once per test run. Each call to {@link #createDatabase}
 * gives a fresh, empty database so Liquibase is proven on an empty schema.
 */
final class TestDatabase {

    private static TestDatabase instance;

    private EmbeddedPostgres embedded;
    private Path dataDir;
    private int port;
    private final String adminUrl;
    private final String user;
    private final String password;

    private TestDatabase(EmbeddedPostgres embedded, String adminUrl, String user, String password) {
        this.embedded = embedded;
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    static synchronized TestDatabase get() {
        if (instance == null) {
            String url = System.getenv("LLMGATE_TEST_DB_URL");
            if (url != null && !url.isBlank()) {
                instance = new TestDatabase(null, url, env("LLMGATE_TEST_DB_USER", "postgres"), env("LLMGATE_TEST_DB_PASSWORD", ""));
            } else {
                try {
                    EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                    instance = new TestDatabase(pg, pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
                } catch (IOException e) {
                    throw new IllegalStateException("Cannot start embedded PostgreSQL", e);
                }
            }
            Scratch.atEnd(instance::close);
        }
        return instance;
    }

    /**
     * An embedded PostgreSQL of its own that a test may stop and start again on the same data
     * directory and port (FaultsIT): the shared one serves every other test and must stay up.
     */
    static TestDatabase stoppable() {
        try {
            Path dir = Scratch.directory("llmgate-pg");
            int port = LlmgateServer.freePort();
            EmbeddedPostgres pg = stoppableBuilder(dir, port).start();
            TestDatabase db = new TestDatabase(pg, pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
            db.dataDir = dir;
            db.port = port;
            Scratch.atEnd(db::close);
            return db;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start embedded PostgreSQL", e);
        }
    }

    /** Stops the server (fast shutdown: open connections are cut, as in a crash of the database host). */
    synchronized void stop() {
        if (dataDir == null) {
            throw new IllegalStateException("only a stoppable() database can be stopped");
        }
        close();
        embedded = null;
    }

    /** Starts it again on the same data directory and port: the same JDBC URLs work again. */
    synchronized void startAgain() {
        try {
            embedded = stoppableBuilder(dataDir, port).start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot restart embedded PostgreSQL", e);
        }
    }

    private static EmbeddedPostgres.Builder stoppableBuilder(Path dir, int port) {
        return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port)
                .setRegisterShutdownHook(false);
    }

    /** A new empty database; answers its JDBC URL. */
    String createDatabase(String name) {
        try (Connection c = connect(adminUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
        return replaceDatabase(adminUrl, name);
    }

    Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    private static String replaceDatabase(String url, String name) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + name + params;
    }

    private synchronized void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException ignored) {
                // the JVM is exiting
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
