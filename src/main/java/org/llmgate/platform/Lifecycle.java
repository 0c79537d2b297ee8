package org.llmgate.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Where llmgate is between deploy and stop, as the readiness check reports it (issue 15): it
 * serves only once the schema is migrated, the configuration snapshot is loaded and the
 * background writers run, and stops being ready as soon as a graceful stop begins, so a load
 * balancer sends no new chat to an instance that is draining. Start-up beans report here; this
 * class knows none of them.
 */
@ApplicationScoped
public class Lifecycle {

    private volatile boolean schemaMigrated;
    private volatile boolean configLoaded;
    private volatile boolean writersRunning;
    private volatile boolean stopping;

    public void schemaMigrated() {
        schemaMigrated = true;
    }

    public void configLoaded() {
        configLoaded = true;
    }

    public void writersRunning() {
        writersRunning = true;
    }

    public void stopping() {
        stopping = true;
    }

    public boolean isStopping() {
        return stopping;
    }

    /** What still keeps llmgate from serving; empty when it is ready. */
    public List<String> notReady() {
        List<String> missing = new ArrayList<>();
        if (!schemaMigrated) {
            missing.add("schema not migrated");
        }
        if (!configLoaded) {
            missing.add("configuration not loaded");
        }
        if (!writersRunning) {
            missing.add("background writers not running");
        }
        if (stopping) {
            missing.add("stopping");
        }
        return missing;
    }
}
