package org.llmgate.catalog.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.llmgate.providers.CatalogModel;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.HttpErrorClassifier;
import org.llmgate.providers.Redaction;
import org.llmgate.providers.UpstreamFailure;

/**
 * One provider + credential's cached model list. Fresh for the TTL; concurrent misses share one
 * upstream call (an admin opening the model picker in several tabs must not fan out to the
 * provider); a failed refresh serves the last good list as stale, or the failure when there is none.
 * After a failure the provider is left alone for a short hold, so a down provider is not asked
 * again on every request while the stale list is shown.
 */
final class CatalogEntry {

    private final Clock clock;
    private CatalogListing good;
    private UpstreamFailure lastFailure;
    private Instant failedAt;
    private CompletableFuture<CatalogListing> inFlight;

    CatalogEntry(Clock clock) {
        this.clock = clock;
    }

    /**
     * The list, from memory when fresh, else from {@code fetch} (at most one fetch at a time).
     * {@code refresh} skips the fresh list and the failure hold, not a fetch already running.
     */
    CompletableFuture<CatalogListing> get(Duration ttl, Duration failureHold, boolean refresh,
                                          Supplier<? extends CompletionStage<List<CatalogModel>>> fetch) {
        CompletableFuture<CatalogListing> flight;
        synchronized (this) {
            Instant now = clock.instant();
            if (!refresh && good != null && now.isBefore(good.fetchedAt().plus(ttl))) {
                return CompletableFuture.completedFuture(good);
            }
            if (inFlight != null) {
                return inFlight;
            }
            if (!refresh && failedAt != null && now.isBefore(failedAt.plus(failureHold))) {
                return fallback(lastFailure);
            }
            flight = new CompletableFuture<>();
            inFlight = flight;
        }
        CompletionStage<List<CatalogModel>> stage;
        try {
            stage = fetch.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((models, error) -> settle(flight, models, error));
        return flight;
    }

    private void settle(CompletableFuture<CatalogListing> flight, List<CatalogModel> models, Throwable error) {
        CompletableFuture<CatalogListing> outcome;
        synchronized (this) {
            inFlight = null;
            if (error == null && models != null) {
                good = new CatalogListing(models, clock.instant(), false);
                failedAt = null;
                lastFailure = null;
                outcome = CompletableFuture.completedFuture(good);
            } else {
                lastFailure = asUpstreamFailure(error);
                failedAt = clock.instant();
                outcome = fallback(lastFailure);
            }
        }
        // completed outside the lock: callers' continuations run on this thread
        outcome.whenComplete((listing, failure) -> {
            if (failure != null) {
                flight.completeExceptionally(failure);
            } else {
                flight.complete(listing);
            }
        });
    }

    /** The last good list, marked stale; empty when none was ever fetched. */
    synchronized java.util.Optional<CatalogListing> lastGood() {
        return java.util.Optional.ofNullable(good).map(CatalogListing::asStale);
    }

    private CompletableFuture<CatalogListing> fallback(UpstreamFailure failure) {
        return good != null ? CompletableFuture.completedFuture(good.asStale()) : CompletableFuture.failedFuture(failure);
    }

    static UpstreamFailure asUpstreamFailure(Throwable error) {
        Throwable cause = error == null ? null : HttpErrorClassifier.unwrap(error);
        if (cause instanceof UpstreamFailure failure) {
            return failure;
        }
        return new UpstreamFailure(ErrorClass.UPSTREAM_ERROR,
                Redaction.redact("model list failed: " + (cause == null ? "no list" : cause.getClass().getSimpleName())));
    }
}
