package org.llmgate.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One llmgate for the whole test run: a fresh PostgreSQL database, and the WAR
 * on Payara Micro. Started on first use, stopped when the JVM exits.
 */
final class Llmgate {

    private static Llmgate shared;

    final TestDatabase db;
    final String dbUrl;
    final LlmgateServer server;
    final Api api;
    final Path dataDir;

    private Llmgate(TestDatabase db, String dbUrl, LlmgateServer server, Path dataDir) {
        this.db = db;
        this.dbUrl = dbUrl;
        this.server = server;
        this.dataDir = dataDir;
        this.api = new Api(server.baseUrl());
    }

    static synchronized Llmgate shared() {
        if (shared == null) {
            TestDatabase db = TestDatabase.get();
            String url = db.createDatabase("llmgate_it");
            Path dataDir = tempDir("llmgate-it");
            LlmgateServer server = LlmgateServer.start("main", url, db, dataDir, Map.of());
            shared = new Llmgate(db, url, server, dataDir);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return shared;
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
