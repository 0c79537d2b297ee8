package org.llmgate.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * payara/run.sh as an admin runs it: the built WAR on Payara Micro with the embedded PostgreSQL
 * of its data directory. Its output (Payara's log included) goes to a file per start.
 */
final class RunScript {

    final Path dataDir;
    final int httpPort;
    final int dbPort;
    final Path output;
    final Process process;

    private RunScript(Path dataDir, int httpPort, int dbPort, Path output, Process process) {
        this.dataDir = dataDir;
        this.httpPort = httpPort;
        this.dbPort = dbPort;
        this.output = output;
        this.process = process;
    }

    static RunScript start(Path dataDir, int httpPort, int dbPort, String name) {
        Path buildDir = Path.of(System.getProperty("llmgate.buildDir", "target"));
        try {
            Path output = Files.createDirectories(buildDir.resolve("it-logs")).resolve(name + "-" + httpPort + ".log");
            ProcessBuilder builder = new ProcessBuilder("bash", "payara/run.sh").redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("LLMGATE_DATA_DIR", dataDir.toString());
            builder.environment().put("LLMGATE_HTTP_PORT", String.valueOf(httpPort));
            builder.environment().put("LLMGATE_EMBEDDED_DB_PORT", String.valueOf(dbPort));
            builder.environment().put("LLMGATE_ADMIN_PASSWORD", LlmgateServer.ADMIN_PASSWORD);
            builder.environment().put("LLMGATE_JAVA_OPTS", "-Xmx512m");
            builder.environment().remove("LLMGATE_DB_URL");
            return new RunScript(dataDir, httpPort, dbPort, output, builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run payara/run.sh", e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort + "/llmgate";
    }

    String readinessUrl() {
        return "http://127.0.0.1:" + httpPort + "/health/ready";
    }

    String dbUrl() {
        return "jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres";
    }

    String dbPassword() {
        return read(dataDir.resolve("embedded-db-password")).trim();
    }

    String output() {
        return read(output);
    }

    /** Polls readiness every 100 ms; fails if the script exits or the bound passes first. */
    void awaitReady(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("run.sh exited with " + process.exitValue() + ":\n" + tail(output()));
            }
            if (LlmgateServer.ready(readinessUrl())) {
                return;
            }
            Thread.sleep(100);
        }
        kill();
        throw new AssertionError("not ready within " + bound + ":\n" + tail(output()));
    }

    /** SIGTERM, as systemd or Ctrl-C would; true when the script and its children exited within the bound. */
    boolean stop(Duration bound) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        boolean exited = process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        for (ProcessHandle child : children) {
            exited &= child.onExit().completeOnTimeout(null, bound.toMillis(), TimeUnit.MILLISECONDS).join() != null;
        }
        return exited;
    }

    /** kill -9 of the script, its JVMs and the database's postmaster: what a crash or the OOM killer leaves. */
    void crash() throws IOException {
        List<ProcessHandle> tree = process.descendants().toList();
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroyForcibly);
        tree.forEach(p -> p.onExit().join());
        ProcessHandle.of(postmaster).ifPresent(p -> p.onExit().join());
    }

    void kill() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    static int occurrences(String text, String line) {
        int count = 0;
        for (int at = text.indexOf(line); at >= 0; at = text.indexOf(line, at + 1)) {
            count++;
        }
        return count;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String text) {
        return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
    }
}
