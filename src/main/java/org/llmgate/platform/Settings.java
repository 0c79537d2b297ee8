package org.llmgate.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Every setting llmgate reads, named llmgate.&lt;area&gt;.&lt;setting&gt; (environment: LLMGATE_AREA_SETTING).
 * Defaults live here or in META-INF/microprofile-config.properties, nowhere else.
 */
@ApplicationScoped
public class Settings {

    @Inject
    Config config;

    /** The same settings outside CDI, for code that runs before or beside it (schema migration). */
    public static Settings of(Config config) {
        Settings settings = new Settings();
        settings.config = config;
        return settings;
    }

    public Path dataDir() {
        return config.getOptionalValue("llmgate.data.dir", String.class)
                .map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".llmgate"));
    }

    public Optional<String> masterKey() {
        return nonBlank("llmgate.master.key");
    }

    public String adminUsername() {
        return config.getOptionalValue("llmgate.admin.username", String.class).orElse("admin");
    }

    public Optional<String> adminPassword() {
        return nonBlank("llmgate.admin.password");
    }

    /** Read once: every request asks, and a lookup in Payara's config costs tens of microseconds (issue 16). */
    private volatile long maxBodyBytes = -1;

    public long maxBodyBytes() {
        long bytes = maxBodyBytes;
        if (bytes < 0) {
            bytes = config.getOptionalValue("llmgate.request.max-body-bytes", Long.class).orElse(1_048_576L);
            maxBodyBytes = bytes;
        }
        return bytes;
    }

    public Duration configRefresh() {
        return Duration.ofSeconds(config.getOptionalValue("llmgate.config.refresh-seconds", Long.class).orElse(2L));
    }

    /** How long a provider's model list is served from memory (SPEC §8: default 5 minutes). */
    public Duration catalogTtl() {
        return seconds("llmgate.catalog.ttl-seconds", Duration.ofMinutes(5));
    }

    /** The bound on a whole test-connection: catalog call plus probe. */
    public Duration catalogTestTimeout() {
        return duration("llmgate.catalog.test-timeout-ms", Duration.ofSeconds(10));
    }

    /** How long saving an llm-config waits for the catalog to fill in pricing; the save never fails on it. */
    public Duration catalogSaveWait() {
        return duration("llmgate.catalog.save-wait-ms", Duration.ofSeconds(3));
    }

    /** How long a stop waits for queued attempts, hints, breaker states and notifications to be written. */
    public Duration shutdownDrain() {
        return seconds("llmgate.shutdown.drain-seconds", Duration.ofSeconds(10));
    }

    /** How long an admin write waits, after its commit, for this instance's snapshot to include it. */
    public Duration configReloadWait() {
        return duration("llmgate.config.reload-wait-ms", Duration.ofSeconds(5));
    }

    /** Open chats one organization may hold at once (issue 11); environment LLMGATE_MAX_OPEN_CHATS_PER_ORG. */
    public int maxOpenChatsPerOrganization() {
        return integer("llmgate.max-open-chats-per-org", 500);
    }

    /** A Liquibase lock older than this was left by a killed process and is released at start-up. */
    public Duration staleSchemaLock() {
        return seconds("llmgate.schema.stale-lock-seconds", Duration.ofSeconds(120));
    }

    /** How long SIGTERM waits for open streams to end before the server stops anyway. */
    public Duration streamDrain() {
        return seconds("llmgate.shutdown.stream-drain-seconds", Duration.ofSeconds(25));
    }

    public Duration duration(String key, Duration defaultValue) {
        return config.getOptionalValue(key, Long.class).map(Duration::ofMillis).orElse(defaultValue);
    }

    public Duration seconds(String key, Duration defaultValue) {
        return config.getOptionalValue(key, Long.class).map(Duration::ofSeconds).orElse(defaultValue);
    }

    public int integer(String key, int defaultValue) {
        return config.getOptionalValue(key, Integer.class).orElse(defaultValue);
    }

    /** Failed admin sign-ins one client address may make per window before 429 (issue 10). */
    public int loginMaxFailuresPerAddress() {
        return config.getOptionalValue("llmgate.login.max-failures-per-address", Integer.class).orElse(5);
    }

    /** Failed admin sign-ins from all addresses together per window before 429. */
    public int loginMaxFailuresOverall() {
        return config.getOptionalValue("llmgate.login.max-failures-overall", Integer.class).orElse(30);
    }

    public Duration loginFailureWindow() {
        return Duration.ofSeconds(config.getOptionalValue("llmgate.login.failure-window-seconds", Long.class).orElse(60L));
    }

    private Optional<String> nonBlank(String key) {
        return config.getOptionalValue(key, String.class).filter(v -> !v.isBlank());
    }
}
