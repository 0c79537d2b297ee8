package org.llmgate.catalog.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.llmgate.config.control.KeyVault;
import org.llmgate.config.control.ModelCatalog;
import org.llmgate.config.control.RuntimeCredential;
import org.llmgate.config.entity.Credential;
import org.llmgate.platform.Settings;
import org.llmgate.providers.CatalogModel;
import org.llmgate.providers.ProviderAdapter;
import org.llmgate.providers.ProviderRegistry;

/**
 * What the catalog knows about one model, for saving an llm-config: its pricing and context window
 * fill the fields the admin left empty, so the free-model rule and the context-window skip (SPEC §5)
 * have data. Waits a bounded time and never fails: a down provider only costs a warning.
 */
@ApplicationScoped
public class CatalogLookup implements ModelCatalog {

    private static final Logger LOG = Logger.getLogger(CatalogLookup.class.getName());

    @Inject
    CatalogCache cache;
    @Inject
    ProviderRegistry providers;
    @Inject
    SaveWarnings warnings;
    @Inject
    Settings settings;
    @Inject
    KeyVault keyVault;

    /** The model as the stored credential's catalog lists it, or null (with a warning) when it is not there or unknown. */
    @Override
    public CatalogModel find(Credential credential, String modelId) {
        String apiKey = credential.getApiKeyEncrypted() == null ? null : keyVault.decrypt(credential.getId(), credential.getApiKeyEncrypted());
        return find(new RuntimeCredential(credential.getId(), credential.getOrganizationId(), credential.getProvider(),
                credential.getLabel(), credential.getBaseUrl(), credential.getRequestsPerMinute(),
                credential.getTokensPerMinute(), apiKey), modelId);
    }

    CatalogModel find(RuntimeCredential credential, String modelId) {
        ProviderAdapter adapter = providers.find(credential.provider()).orElse(null);
        if (adapter == null || modelId == null) {
            return null;
        }
        Duration wait = settings.catalogSaveWait();
        try {
            CatalogListing listing = cache.models(adapter, credential, false).toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            CatalogModel model = listing.models().stream().filter(m -> modelId.equals(m.id())).findFirst().orElse(null);
            if (model == null) {
                warnings.add("model '" + modelId + "' is not in the " + adapter.id() + " catalog of credential "
                        + credential.id() + " (" + listing.models().size() + " models)");
            }
            return model;
        } catch (TimeoutException e) {
            // the fetch goes on and fills the cache for the next save
            warnings.add("the " + adapter.id() + " catalog did not answer within " + wait.toMillis()
                    + " ms: model '" + modelId + "' not checked, pricing and context window not filled in");
        } catch (ExecutionException e) {
            String reason = CatalogEntry.asUpstreamFailure(e.getCause()).errorClass().wireName();
            warnings.add("the " + adapter.id() + " catalog is unavailable (" + reason + "): model '" + modelId
                    + "' not checked, pricing and context window not filled in");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warning(() -> "catalog lookup for " + credential + " failed: " + e.getClass().getSimpleName());
        }
        return null;
    }
}
