import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded default database of payara/run.sh: a real PostgreSQL (binaries from Maven Central)
 * whose data lives in $LLMGATE_DATA_DIR/postgres, so the app runs with no set-up and keeps its
 * data across restarts. Prints the JDBC URL, then runs until stopped.
 */
public class EmbeddedDatabase {

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        Files.createDirectories(dataDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
        }));
        System.out.println("LLMGATE_DB_URL=" + postgres.getJdbcUrl("postgres", "postgres"));
        System.out.flush();
        Thread.currentThread().join();
    }
}
