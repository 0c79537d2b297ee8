package org.llmgate.catalog.control;

import jakarta.enterprise.context.Dependent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.llmgate.platform.problem.ProblemException;
import org.llmgate.providers.ErrorClass;
import org.llmgate.providers.ProviderAdapter;

/**
 * The answer when a connection check did not run its course: too many checks at once is llmgate's
 * own 503 (nothing was learned about the key); a check past the ceiling is a timeout report.
 */
@Dependent
public class UncheckedConnection implements FallbackHandler<CompletionStage<ConnectionReport>> {

    @Override
    public CompletionStage<ConnectionReport> handle(ExecutionContext context) {
        if (context.getFailure() instanceof BulkheadException) {
            return CompletableFuture.failedFuture(new ProblemException(503, "Service Unavailable",
                    "too many connection checks are running: try again in a moment", List.of()));
        }
        ProviderAdapter adapter = (ProviderAdapter) context.getParameters()[0];
        return CompletableFuture.completedFuture(new ConnectionReport(false, false, false, ConnectionCheck.CEILING_MS,
                ErrorClass.TIMEOUT.wireName(), adapter.id() + " did not answer within " + ConnectionCheck.CEILING_MS + " ms"));
    }
}
