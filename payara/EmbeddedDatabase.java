import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded default database of payara/run.sh: a real PostgreSQL (binaries from Maven Central)
 * whose data lives in $LLMGATE_DATA_DIR/postgres, so the app runs with no set-up and keeps its
 * data across restarts. Prints the JDBC URL, then runs until stopped.
 *
 * It is a production database for a small site, so (issue 11, issue 10 item 8):
 * - fsync and synchronous commit are on (the test library's defaults turn both off for speed:
 *   a power cut would lose or corrupt committed rows);
 * - it listens on 127.0.0.1 only and asks for a password, generated once into an owner-only file
 *   beside the data (the library's default trusts every local user);
 * - a postmaster left running by a killed run (kill -9 of this process) is stopped, and a stale
 *   postmaster.pid of a crashed one removed, before starting.
 */
public class EmbeddedDatabase {

    static final String USER = "postgres";

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        Files.createDirectories(dataDir);
        Path pgData = dataDir.resolve("postgres");
        Path passwordFile = dataDir.resolve("embedded-db-password");
        String password = passwordIn(passwordFile);
        clearLeftovers(pgData);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPort(port)
                // postmaster arguments come after the library's "-F": the later setting wins
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                // initdb arguments come after the library's "-A trust": a new cluster starts with a password
                .setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig("pwfile", passwordFile.toString())
                .setConnectConfig("password", password)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
        }));
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        requirePassword(url, password, pgData);
        System.out.println("LLMGATE_DB_URL=" + url);
        System.out.println("LLMGATE_DB_PASSWORD_FILE=" + passwordFile);
        System.out.flush();
        Thread.currentThread().join();
    }

    /** The generated password, created on first use in a file only its owner can read. */
    static String passwordIn(Path file) throws IOException {
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        return password;
    }

    /**
     * A data directory initialised by an older llmgate trusts every local connection: give the
     * user the password and switch every line of pg_hba.conf to scram-sha-256.
     */
    static void requirePassword(String url, String password, Path pgData) throws Exception {
        Path hba = pgData.resolve("pg_hba.conf");
        if (!Files.readString(hba).lines().anyMatch(l -> !l.startsWith("#") && l.contains("trust"))) {
            return;
        }
        try (Connection c = DriverManager.getConnection(url, USER, password); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("ALTER USER " + USER + " WITH PASSWORD '" + password.replace("'", "''") + "'");
            Files.writeString(hba, """
                    # written by llmgate's EmbeddedDatabase: password only, local and loopback connections only
                    local   all   all                  scram-sha-256
                    host    all   all   127.0.0.1/32   scram-sha-256
                    """);
            s.execute("SELECT pg_reload_conf()");
        }
        System.out.println("The embedded database now requires the password in its data directory");
    }

    /** A kill -9 of this process leaves its postmaster running, a crash leaves its postmaster.pid. */
    static void clearLeftovers(Path pgData) throws Exception {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        // only a postgres serving this very data directory: a reused pid may belong to anything else
        Optional<ProcessHandle> running = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(pgData.toString())).orElse(false));
        if (running.isPresent()) {
            System.out.println("Stopping the embedded PostgreSQL (pid " + pid + ") left running by a killed run");
            // SIGINT is PostgreSQL's fast shutdown: clients are disconnected, nothing is lost
            new ProcessBuilder("kill", "-INT", String.valueOf(pid)).inheritIO().start().waitFor();
            if (!running.get().onExit().completeOnTimeout(null, 60, TimeUnit.SECONDS).thenApply(p -> p != null).get()) {
                throw new IllegalStateException("PostgreSQL pid " + pid + " did not stop; stop it, then start again");
            }
        } else {
            System.out.println("Removing the stale postmaster.pid of a crashed embedded PostgreSQL (pid " + pid + " is gone)");
            Files.deleteIfExists(pidFile);
        }
    }
}
