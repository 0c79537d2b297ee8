package org.llmgate.resilience.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.llmgate.config.control.ConfigCache;
import org.llmgate.config.control.ConfigSnapshot;
import org.llmgate.config.control.OrganizationView;
import org.llmgate.config.control.RuntimeCredential;
import org.llmgate.resilience.BreakerTransition;
import org.llmgate.resilience.FailedCall;
import org.llmgate.resilience.ScopeKey;

/**
 * Turns a permanent trip into the high-priority admin notification of SPEC §5: which organization,
 * credential (by label), provider and model, and why. Never the key: the upstream message was
 * redacted by the adapter, and the credential is named by its label.
 */
@ApplicationScoped
public class TripNotifier {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Inject
    Notifications notifications;
    @Inject
    ConfigCache cache;

    void notify(BreakerTransition t) {
        ScopeKey scope = t.scope();
        FailedCall call = t.failedCall();
        ConfigSnapshot snapshot = cache.snapshot();
        RuntimeCredential credential = scope.credentialId() == null ? null : snapshot.credentials().get(scope.credentialId());
        OrganizationView organization = credential == null ? null : snapshot.organizations().get(credential.organizationId());
        String errorClass = t.cause() == null ? "failure" : t.cause().wireName();
        String credentialName = credential == null ? "credential " + scope.credentialId() : "'" + credential.label() + "'";
        String model = call == null ? scope.model() : call.model();
        String what = switch (scope.scope()) {
            case CREDENTIAL -> "every model on this key";
            case CREDIT -> "the paid models on this key (free models still run)";
            case ENDPOINT -> "every model at " + scope.baseUrl();
            case MODEL -> "model " + scope.model() + " on this key";
        };
        String title = "Credential " + credentialName + " (" + scope.provider() + "): " + errorClass;
        StringBuilder message = new StringBuilder()
                .append(scope.provider()).append(" credential ").append(credentialName)
                .append(organization == null ? "" : " of organization '" + organization.name() + "'")
                .append(" failed with ").append(errorClass);
        if (call != null && call.status() != null) {
            message.append(" (HTTP ").append(call.status()).append(")");
        }
        if (model != null) {
            message.append(" on model ").append(model);
        }
        if (call != null && call.redactedMessage() != null && !call.redactedMessage().isBlank()) {
            message.append(": ").append(call.redactedMessage());
        }
        message.append(". llmgate skips ").append(what);
        if (t.openUntil() != null) {
            message.append(" until ").append(TIME.format(t.openUntil()))
                    .append(", then sends one probe request");
        }
        message.append(". Chats fall back to their backup models meanwhile.");
        notifications.raise("high", title, message.toString(),
                organization == null ? null : organization.id(), scope.credentialId(), dedupeKey(t));
    }

    /** One notification per scope and cooldown, whichever instance tripped first. */
    private static String dedupeKey(BreakerTransition t) {
        Instant until = t.openUntil() == null ? Instant.EPOCH : t.openUntil();
        long bucket = until.getEpochSecond() / Math.max(60, Duration.ofMinutes(5).toSeconds());
        return t.scope().id() + "#" + bucket;
    }
}
