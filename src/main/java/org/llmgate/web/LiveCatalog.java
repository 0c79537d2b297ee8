package org.llmgate.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.llmgate.catalog.control.CatalogListing;
import org.llmgate.catalog.control.ProviderCatalog;
import org.llmgate.platform.problem.ProblemException;

/** A credential's live model list (the catalog of SPEC §8), for the pickers. */
@ApplicationScoped
public class LiveCatalog {

    private static final Logger LOG = Logger.getLogger(LiveCatalog.class.getName());
    /** The catalog answers within its own bound (stale or a failure); this only guards a request thread. */
    private static final long GUARD_SECONDS = 30;

    @Inject
    ProviderCatalog catalog;

    /** The models, or why there are none: {@code stale} when the provider was down and the cache answered. */
    public record Listing(List<ModelChoice> models, boolean stale, String error) {
        public List<ModelChoice> matching(String query, int limit) {
            String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
            return models.stream()
                    .filter(m -> q.isEmpty() || m.id().toLowerCase(Locale.ROOT).contains(q)
                            || m.name() != null && m.name().toLowerCase(Locale.ROOT).contains(q))
                    .limit(limit).toList();
        }

        public ModelChoice find(String id) {
            return models.stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
        }
    }

    public Listing of(String provider, long credentialId) {
        try {
            CatalogListing listing = catalog.models(catalog.adapter(provider), credentialId, false)
                    .toCompletableFuture().get(GUARD_SECONDS, TimeUnit.SECONDS);
            return new Listing(listing.models().stream().map(ModelChoice::of).toList(), listing.stale(), null);
        } catch (ProblemException refused) {
            return failed(refused);
        } catch (ExecutionException | CompletionException e) {
            return failed(e);
        } catch (TimeoutException e) {
            return new Listing(List.of(), false, "The catalog did not answer within " + GUARD_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Listing(List.of(), false, "The catalog could not be asked");
        }
    }

    private static Listing failed(Throwable e) {
        ProblemException problem = Forms.problemIn(e);
        if (problem == null) {
            LOG.log(Level.WARNING, "The catalog could not be asked", e);
        }
        return new Listing(List.of(), false, problem != null ? problem.getMessage() : "The catalog could not be asked");
    }
}
