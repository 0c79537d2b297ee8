package org.llmgate.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real WAR on a real Payara Micro process, as a user runs it. Ready when MicroProfile Health's
 * readiness ({@code /health/ready}, polled every 100 ms) says UP; a failed deployment, which Payara
 * Micro survives, is read from its log so the harness fails fast instead of waiting out the bound.
 */
final class LlmgateServer implements AutoCloseable {

    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "test-admin-password";
    static final int MAX_HTTP_THREADS = 32;

    private final Process process;
    private final int port;
    private final Path log;

    private LlmgateServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static LlmgateServer start(String name, String dbUrl, TestDatabase db, Path dataDir, Map<String, String> extraProperties) {
        return start(name, dbUrl, db, dataDir, extraProperties, List.of());
    }

    /** With more WARs beside llmgate's, each given as {@code path:/context-root}. */
    static LlmgateServer start(String name, String dbUrl, TestDatabase db, Path dataDir, Map<String, String> extraProperties,
            List<String> extraDeployments) {
        Path buildDir = Path.of(System.getProperty("llmgate.buildDir", "target"));
        Path jar = Path.of(System.getProperty("payara.microJar", buildDir.resolve("payara-micro.jar").toString()));
        Path war = Path.of(System.getProperty("llmgate.war", buildDir.resolve("llmgate.war").toString()));
        if (!Files.exists(jar) || !Files.exists(war)) {
            throw new IllegalStateException("Run 'mvn verify' (it builds " + war + " and copies " + jar + ")");
        }
        int port = freePort();
        try {
            Path logs = Files.createDirectories(buildDir.resolve("it-logs"));
            Path log = logs.resolve(name + "-" + port + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx768m",
                    // as payara/run.sh: the JDK's common pool needs two workers, or the HTTP client starts a thread per call
                    "-Djava.util.concurrent.ForkJoinPool.common.parallelism="
                            + Math.max(2, Runtime.getRuntime().availableProcessors() - 1),
                    "-Dllmgate.db.url=" + dbUrl,
                    "-Dllmgate.db.user=" + db.user(),
                    "-Dllmgate.db.password=" + db.password(),
                    "-Dllmgate.admin.password=" + ADMIN_PASSWORD,
                    "-Dllmgate.data.dir=" + dataDir));
            extraProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
            // e.g. -XX:StartFlightRecording=... to profile the server under the benchmark
            String jvmOptions = System.getProperty("llmgate.server.jvmOptions", "").strip();
            if (!jvmOptions.isEmpty()) {
                command.addAll(List.of(jvmOptions.split("\\s+")));
            }
            command.addAll(List.of("-jar", jar.toString(),
                    // as payara/run.sh: no data grid at all (--nocluster still boots a Hazelcast member)
                    "--nohazelcast", "--port", String.valueOf(port), "--contextroot", "llmgate",
                    // a small request pool: OpenStreamsIT proves streams do not hold these threads;
                    // -Dllmgate.server.maxHttpThreads=N measures another size under the benchmark
                    "--maxHttpThreads", System.getProperty("llmgate.server.maxHttpThreads", String.valueOf(MAX_HTTP_THREADS)),
                    "--rootdir", dataDir.resolve("payara-" + name).toString(),
                    "--deploy", war.toString()));
            extraDeployments.forEach(deployment -> command.addAll(List.of("--deploy", deployment)));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            LlmgateServer server = new LlmgateServer(process, port, log);
            server.awaitReady(Duration.ofSeconds(240));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start Payara Micro", e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port + "/llmgate";
    }

    /** A path on the server's HTTP port, outside llmgate's context root. */
    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** MicroProfile Health's readiness: Payara serves it at the root of the HTTP port, not under /llmgate. */
    String readinessUrl() {
        return "http://127.0.0.1:" + port + "/health/ready";
    }

    Process process() {
        return process;
    }

    /** Sends SIGTERM (a graceful stop) and waits at most {@code bound} for the process to exit. */
    boolean terminate(Duration bound) {
        process.destroy();
        try {
            return process.waitFor(bound.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    private void awaitReady(Duration bound) {
        Instant deadline = Instant.now().plus(bound);
        while (Instant.now().isBefore(deadline)) {
            String text = logText();
            if (text.contains("Failed to start") || text.contains("Exception while loading the app")
                    || text.contains("Exception while deploying") || text.contains("Exception during lifecycle processing")
                    || !process.isAlive()) {
                close();
                throw new IllegalStateException("llmgate did not deploy; log " + log + ":\n" + tail(text));
            }
            if (ready(readinessUrl())) {
                if (answers()) {
                    return;
                }
                close();
                throw new IllegalStateException("llmgate is ready but does not answer; log " + log + ":\n" + tail(text));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("llmgate not ready within " + bound + "; log " + log + ":\n" + tail(logText()));
    }

    /** True when the readiness URL answers 200 with status UP. */
    static boolean ready(String readinessUrl) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(readinessUrl)).timeout(Duration.ofSeconds(5)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Readiness says the app can serve: prove it with an admin call. */
    private boolean answers() {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/admin/llm-providers"))
                            .header("Authorization", Api.ADMIN_AUTH).timeout(Duration.ofSeconds(20)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String tail(String text) {
        return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
