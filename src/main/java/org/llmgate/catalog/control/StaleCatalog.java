package org.llmgate.catalog.control;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.llmgate.config.control.RuntimeCredential;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.ProviderAdapter;
import org.llmgate.providers.UpstreamFailure;

/**
 * What an admin gets when the model list is not there in time, or too many are being waited for:
 * the last good list marked stale (SPEC §8), else the reason as an {@link UpstreamFailure}, which
 * the caller answers like any other failed fetch.
 */
@Dependent
public class StaleCatalog implements FallbackHandler<CompletionStage<CatalogListing>> {

    @Inject
    CatalogCache cache;

    @Override
    public CompletionStage<CatalogListing> handle(ExecutionContext context) {
        Object[] parameters = context.getParameters();
        ProviderAdapter adapter = (ProviderAdapter) parameters[0];
        RuntimeCredential credential = (RuntimeCredential) parameters[1];
        return cache.lastGood(adapter, credential).map(CompletableFuture::completedFuture)
                .orElseGet(() -> CompletableFuture.failedFuture(context.getFailure() instanceof BulkheadException
                        ? new UpstreamFailure(ErrorClass.RATE_LIMITED, "too many model lists are being fetched at once")
                        : new UpstreamFailure(ErrorClass.TIMEOUT, "the " + adapter.id() + " model list did not arrive within "
                                + CatalogCache.WAIT_MS + " ms")));
    }
}
