package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 through payara/run.sh, as an admin restarts llmgate: a second start on the same data
 * directory, after kill -9 of everything (Payara, the database's JVM and its postmaster), recovers
 * the stale postmaster.pid and a stale Liquibase lock, deploys once and, once ready, never answers
 * 404 or 5xx. The embedded database asks for its generated password. (One crash-and-restart instead
 * of a clean restart plus a crash: each run.sh start costs 20-80 s of the suite; the clean SIGTERM
 * path is proven by OpenChatsIT and by the stop at the end.)
 */
class RestartIT {

    static final String STARTED = "llmgate start-up done";
    static final String MIGRATED = "Database schema up to date";
    static final Duration START_BOUND = Duration.ofSeconds(240);

    final Path dataDir = Llmgate.tempDir("llmgate-restart");
    final int httpPort = LlmgateServer.freePort();
    final int dbPort = LlmgateServer.freePort();
    RunScript running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.kill();
        }
    }

    @Test
    void a_restart_after_a_crash_deploys_once_recovers_the_locks_and_never_answers_404_or_5xx_once_ready() throws Exception {
        running = RunScript.start(dataDir, httpPort, dbPort, "restart-first");
        running.awaitReady(START_BOUND);
        Api api = new Api(running.baseUrl());
        long organization = api.create("admin/organizations", Json.createObjectBuilder().add("name", "Kept").build());
        assertPasswordProtected(running);
        markLiquibaseLockHeld(running);
        running.crash();

        long restarting = System.nanoTime();
        running = RunScript.start(dataDir, httpPort, dbPort, "restart-second");
        running.awaitReady(START_BOUND);
        long readyAfterMs = (System.nanoTime() - restarting) / 1_000_000;
        List<Integer> statuses = probe(running, Duration.ofSeconds(8));
        String output = running.output();
        String database = Files.readString(dataDir.resolve("embedded-db.log"));

        System.out.printf("restart after kill -9: ready after %d ms; %d probes after ready, statuses %s%n",
                readyAfterMs, statuses.size(), statuses.stream().distinct().toList());
        assertThat(statuses).as("answers once ready").isNotEmpty().allMatch(s -> s == 200);
        assertThat(RunScript.occurrences(output, STARTED)).as("start-up beans ran once").isEqualTo(1);
        assertThat(RunScript.occurrences(output, MIGRATED)).as("Liquibase ran once").isEqualTo(1);
        assertThat(RunScript.occurrences(output, "llmgate is ready")).as("run.sh's ready line").isEqualTo(1);
        assertThat(database).contains("Removing the stale postmaster.pid");
        assertThat(output).contains("Released a stale Liquibase lock");
        assertThat(api.get("admin/organizations/" + organization).status()).isEqualTo(200);
        assertThat(running.stop(Duration.ofSeconds(60))).as("SIGTERM stops run.sh and its children").isTrue();
    }

    /** Every 100 ms for {@code window}: the API and readiness, as a load balancer and a client would call them. */
    private static List<Integer> probe(RunScript server, Duration window) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        List<Integer> statuses = new ArrayList<>();
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            for (String url : List.of(server.baseUrl() + "/api/admin/llm-providers", server.readinessUrl())) {
                try {
                    statuses.add(http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", Api.ADMIN_AUTH)
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
                } catch (java.io.IOException e) {
                    statuses.add(-1);
                }
            }
            Thread.sleep(100);
        }
        return statuses;
    }

    /** Issue 10 item 8: the generated password is owner-only and required; no trust for local users. */
    private static void assertPasswordProtected(RunScript server) throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.dataDir.resolve("embedded-db-password"))))
                .isEqualTo("rw-------");
        boolean withoutPassword;
        try (Connection ignored = DriverManager.getConnection(server.dbUrl(), "postgres", "")) {
            withoutPassword = true;
        } catch (SQLException e) {
            withoutPassword = false;
        }
        assertThat(withoutPassword).as("connects without the password").isFalse();
        try (Connection c = DriverManager.getConnection(server.dbUrl(), "postgres", server.dbPassword());
             Statement s = c.createStatement()) {
            var fsync = s.executeQuery("SHOW fsync");
            fsync.next();
            assertThat(fsync.getString(1)).isEqualTo("on");
        }
    }

    /** What a process killed during its migration leaves: Liquibase's lock row, granted an hour ago. */
    private static void markLiquibaseLockHeld(RunScript server) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.dbUrl(), "postgres", server.dbPassword());
             Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE databasechangeloglock SET locked = TRUE, lockedby = 'killed-instance (10.0.0.9)',"
                    + " lockgranted = now() - interval '1 hour' WHERE id = 1");
        }
    }
}
