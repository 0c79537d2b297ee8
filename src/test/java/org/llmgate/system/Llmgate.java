package org.llmgate.system;

import java.nio.file.Path;
import java.util.Map;
import org.llmgate.testsupport.fake.FakeProvider;

/**
 * One llmgate for the whole test run: a fresh PostgreSQL database, the fake providers, and the WAR
 * on Payara Micro. Started on first use, stopped when the test run ends.
 */
final class Llmgate {

    private static Llmgate shared;

    final TestDatabase db;
    final String dbUrl;
    final LlmgateServer server;
    final FakeProvider fake;
    final Api api;
    final Path dataDir;

    private Llmgate(TestDatabase db, String dbUrl, LlmgateServer server, FakeProvider fake, Path dataDir) {
        this.db = db;
        this.dbUrl = dbUrl;
        this.server = server;
        this.fake = fake;
        this.dataDir = dataDir;
        this.api = new Api(server.baseUrl());
    }

    static final String METRICS_TOKEN = "test-metrics-scraper-token";

    /** Short upstream timeouts so the hang scenarios finish quickly; everything else is the default. */
    static final Map<String, String> TEST_SETTINGS = Map.of(
            "llmgate.metrics.token", METRICS_TOKEN,
            "llmgate.upstream.first-byte-timeout-ms", "1500",
            "llmgate.upstream.idle-timeout-ms", "1500",
            "llmgate.hints.recovery-seconds", "3",
            "llmgate.catalog.test-timeout-ms", "4000");

    static synchronized Llmgate shared() {
        if (shared == null) {
            TestDatabase db = TestDatabase.get();
            String url = db.createDatabase("llmgate_it");
            Path dataDir = tempDir("llmgate-it");
            FakeProvider fake = FakeProvider.start();
            LlmgateServer server = LlmgateServer.start("main", url, db, dataDir, TEST_SETTINGS);
            shared = new Llmgate(db, url, server, fake, dataDir);
            Scratch.atEnd(() -> {
                server.close();
                fake.close();
            });
        }
        return shared;
    }

    /**
     * An llmgate of a test's own, on its own database and fake providers, for faults the shared
     * instance must not suffer (a stopped database). Close it with {@link #close()}.
     */
    static Llmgate own(String name, TestDatabase db, Map<String, String> settings) {
        String url = db.createDatabase("llmgate_" + name);
        Path dataDir = tempDir("llmgate-" + name);
        FakeProvider fake = FakeProvider.start();
        Map<String, String> all = new java.util.HashMap<>(TEST_SETTINGS);
        all.putAll(settings);
        LlmgateServer server = LlmgateServer.start(name, url, db, dataDir, all);
        return new Llmgate(db, url, server, fake, dataDir);
    }

    /** Stops the server and the fake providers, and deletes the server's directory. */
    void close() {
        server.close();
        fake.close();
        Scratch.delete(dataDir);
    }

    static Path tempDir(String prefix) {
        return Scratch.directory(prefix);
    }
}
