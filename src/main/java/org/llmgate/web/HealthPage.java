package org.llmgate.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.llmgate.config.control.Credentials;
import org.llmgate.learning.HintKey;
import org.llmgate.learning.store.ModelHintsTable;
import org.llmgate.learning.store.ModelLearning;
import org.llmgate.platform.persistence.DatabaseFailure;
import org.llmgate.platform.problem.ProblemException;
import org.llmgate.providers.Endpoint;
import org.llmgate.resilience.ScopeKey;
import org.llmgate.observability.HealthReport;
import org.llmgate.resilience.store.HopGuard;
import org.llmgate.resilience.store.Notifications;

/**
 * What broke and what llmgate learned (the health report of SPEC §8): breakers, the model
 * compatibility matrix with blacklist / clear, and notifications to acknowledge, on the services
 * the admin REST resources use.
 */
@Named
@SignedIn
@ViewScoped
public class HealthPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(HealthPage.class.getName());
    static final List<String> ENDPOINTS = Arrays.stream(Endpoint.values()).map(Endpoint::wireName).toList();

    @Inject
    HealthReport report;
    @Inject
    Notifications notifications;
    @Inject
    HopGuard breakers;
    @Inject
    ModelLearning hints;
    @Inject
    ModelHintsTable hintStore;
    @Inject
    Credentials credentials;

    public record Breaker(String key, String scope, String provider, String credential, String target, String state,
                          String reason, String openUntil) {
        public String getStateClass() {
            return "lg-badge lg-state-" + state.toLowerCase(Locale.ROOT);
        }

        public boolean isClosed() {
            return "CLOSED".equals(state);
        }
    }

    public record Hint(long id, String provider, String modelId, long successCount, long errorCount,
                       String lastErrorClass, String lastErrorMessage, Set<String> supported, Set<String> unsupported,
                       String preferred, boolean blacklisted, String blacklistReason) {
        /** ✓ works there, ✗ refused there, · not tried yet; ★ marks the learned preference. */
        public String cell(String endpoint) {
            String mark = supported.contains(endpoint) ? "✓" : unsupported.contains(endpoint) ? "✗" : "·";
            return endpoint.equals(preferred) ? mark + " ★" : mark;
        }
    }

    private transient HealthReport.Health health;
    private transient String unavailable;
    private String blacklistReason;

    private HealthReport.Health health() {
        if (health == null) {
            try {
                health = report.now(null);
                unavailable = health.databaseUp() ? null
                        // the database is down: breakers are live, hints and notifications as last read
                        : "The database is not available: chats go on from the last configuration read;"
                        + " hints and notifications are shown as last read, and changes cannot be saved until it is back.";
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The health data could not be read", e);
                health = new HealthReport.Health(List.of(), List.of(), List.of(), "unknown");
                unavailable = "The health data could not be read.";
            }
        }
        return health;
    }

    public String getUnavailable() {
        health();
        return unavailable;
    }

    public List<Breaker> getBreakers() {
        return health().breakers().stream().map(b -> new Breaker(b.key(), b.scope(), b.provider(),
                credentialLabel(b.credentialId()), b.model() != null ? b.model() : b.baseUrl(), b.state(), b.reason(),
                Notice.when(b.openUntil()))).toList();
    }

    public List<Hint> getHints() {
        return health().hints().stream().map(h -> new Hint(h.id(), h.provider(), h.modelId(), h.successCount(),
                h.errorCount(), h.lastErrorClass(), h.lastErrorMessage(), Set.copyOf(h.supportedEndpoints()),
                Set.copyOf(h.unsupportedEndpoints()), h.preferredEndpoint(), h.blacklisted(), h.blacklistReason())).toList();
    }

    public List<Notice> getNotifications() {
        return health().notifications().stream().map(Notice::of).toList();
    }

    public List<String> getEndpoints() {
        return ENDPOINTS;
    }

    public void acknowledge(Notice notice) {
        act(() -> notifications.acknowledge(notice.id()).isPresent(), "notification " + notice.id(),
                "Acknowledged: " + notice.title());
    }

    public void blacklist(Hint hint) {
        String reason = blacklistReason == null || blacklistReason.isBlank() ? "blacklisted by an admin" : blacklistReason.strip();
        act(() -> onHint(hint, key -> hints.book().blacklist(key, reason, Instant.now())), "model hint " + hint.id(),
                "Blacklisted " + hint.modelId() + ": chats skip it until cleared");
        blacklistReason = null;
    }

    /** Closes a breaker before its cooldown ends, on every instance (SPEC §8). */
    public void reset(Breaker breaker) {
        act(() -> {
            try {
                return breakers.reset(ScopeKey.parse(breaker.key())).isPresent();
            } catch (IllegalArgumentException notAKey) {
                return false;
            }
        }, "breaker " + breaker.key(), "Reset: " + breaker.scope() + " breaker closed, the next chat calls it again");
    }

    public void clear(Hint hint) {
        act(() -> onHint(hint, key -> hints.book().clear(key, Instant.now())), "model hint " + hint.id(),
                "Cleared " + hint.modelId() + ": it is tried again");
    }

    private boolean onHint(Hint hint, Consumer<HintKey> change) {
        return hintStore.find(hint.id()).map(stored -> {
            change.accept(stored.hint().key());
            return true;
        }).orElse(false);
    }

    /** Runs an admin action as the REST resource does; what it refuses is shown as the API words it. */
    private void act(BooleanSupplier action, String what, String done) {
        try {
            if (action.getAsBoolean()) {
                Forms.info(done);
            } else {
                Forms.error(null, what + " does not exist");
            }
        } catch (RuntimeException e) {
            boolean databaseDown = DatabaseFailure.isUnavailable(e) || e.getCause() != null && DatabaseFailure.isUnavailable(e.getCause());
            LOG.log(databaseDown ? Level.WARNING : Level.SEVERE, "Health action failed", e);
            Forms.error(null, databaseDown ? "The database is not available right now" : "The server could not handle the request");
        }
        health = null;
    }

    private String credentialLabel(Long id) {
        if (id == null) {
            return null;
        }
        try {
            return credentials.get(id).label();
        } catch (ProblemException gone) {
            return "credential " + id;
        }
    }

    public String getBlacklistReason() {
        return blacklistReason;
    }

    public void setBlacklistReason(String blacklistReason) {
        this.blacklistReason = blacklistReason;
    }
}
