package org.llmgate.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.llmgate.catalog.control.ConnectionReport;
import org.llmgate.catalog.control.ProviderCatalog;
import org.llmgate.config.control.CredentialView;
import org.llmgate.config.control.Credentials;
import org.llmgate.platform.problem.Problem;
import org.llmgate.platform.problem.ProblemException;
import org.llmgate.providers.ProviderAdapter;
import org.llmgate.providers.ProviderRegistry;

/**
 * Provider credentials. The key is write-only (SPEC §8): the form never shows a saved key, only
 * its hint, and sends a key only when one is typed — for a new credential or after "Replace key".
 */
@Named
@SignedIn
@ViewScoped
public class CredentialsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(CredentialsPage.class.getName());
    /** The check has its own bound (llmgate.catalog.test-timeout-ms); this only guards a request thread. */
    private static final long GUARD_SECONDS = 90;

    @Inject
    Credentials credentials;
    @Inject
    ProviderRegistry providers;
    @Inject
    Workspace workspace;
    @Inject
    ProviderCatalog catalog;
    @Inject
    LiveCatalog liveCatalog;

    public record Provider(String id, String name, String defaultBaseUrl, boolean requiresApiKey) {
    }

    /** The inline answer of the connection test. */
    public record TestResult(boolean ok, String summary, String detail) {
    }

    private boolean editing;
    private Long id;
    private String provider;
    private String label;
    /** Held only between the form's submit and the save: never written back to the page. */
    private transient String apiKey;
    private String keyHint;
    private boolean replacingKey;
    private String baseUrl;
    private Integer requestsPerMinute;
    private Integer tokensPerMinute;
    private String testModel;
    private TestResult testResult;

    public List<CredentialView> getRows() {
        Long organizationId = workspace.getOrganizationId();
        return organizationId == null ? List.of() : credentials.list(organizationId);
    }

    public List<Provider> getProviders() {
        return providers.all().stream()
                .map(p -> new Provider(p.id(), p.displayName(), p.defaultBaseUrl(), p.requiresApiKey())).toList();
    }

    public String providerName(String providerId) {
        return providers.find(providerId).map(ProviderAdapter::displayName).orElse(providerId);
    }

    public String getBaseUrlPlaceholder() {
        ProviderAdapter adapter = providers.find(provider).orElse(null);
        if (adapter == null) {
            return "";
        }
        return adapter.defaultBaseUrl() == null ? "required, e.g. http://localhost:8000/v1"
                : "default: " + adapter.defaultBaseUrl();
    }

    public boolean isKeyRequired() {
        return providers.find(provider).map(ProviderAdapter::requiresApiKey).orElse(true);
    }

    /** Whether the key field is shown: always for a new credential, for a saved one only after "Replace key". */
    public boolean isKeyEditable() {
        return id == null || keyHint == null || replacingKey;
    }

    public void startNew() {
        editing = true;
        id = null;
        provider = providers.ids().isEmpty() ? null : providers.ids().get(0);
        label = null;
        apiKey = null;
        keyHint = null;
        replacingKey = false;
        baseUrl = null;
        requestsPerMinute = null;
        tokensPerMinute = null;
        testModel = null;
        testResult = null;
    }

    public void edit(CredentialView row) {
        startNew();
        id = row.id();
        provider = row.provider();
        label = row.label();
        keyHint = row.keyHint();
        baseUrl = row.baseUrl();
        requestsPerMinute = row.requestsPerMinute();
        tokensPerMinute = row.tokensPerMinute();
    }

    public void replaceKey() {
        replacingKey = true;
    }

    public void keepKey() {
        replacingKey = false;
        apiKey = null;
    }

    public void cancel() {
        editing = false;
        apiKey = null;
    }

    public void providerChanged() {
        testResult = null;
    }

    public void save() {
        Long organizationId = workspace.getOrganizationId();
        Forms.Body body = Forms.body().put("organizationId", organizationId).put("provider", provider)
                .put("label", label).put("baseUrl", baseUrl)
                .put("requestsPerMinute", requestsPerMinute).put("tokensPerMinute", tokensPerMinute);
        if (isKeyEditable()) {
            body.put("apiKey", apiKey);
        }
        apiKey = null;
        CredentialView saved = Forms.attempt("cred", () -> id == null
                ? credentials.create(body.fields()) : credentials.update(id, body.fields()));
        if (saved != null) {
            editing = false;
            Forms.info("Saved credential " + saved.label() + (saved.keyHint() == null ? "" : " (key …" + saved.keyHint() + ")"));
        }
    }

    public void delete(CredentialView row) {
        if (Forms.attempt("cred", () -> {
            credentials.delete(row.id());
            return Boolean.TRUE;
        }) != null) {
            editing = editing && !row.id().equals(id);
            Forms.info("Deleted credential " + row.label());
        }
    }

    /** Tests what the form holds: a typed key as typed, else the saved credential's key. */
    public void testConnection() {
        testResult = null;
        if (provider == null) {
            Forms.error("cred:provider", "Choose a provider");
            return;
        }
        Forms.Body body = Forms.body().put("model", testModel).put("baseUrl", baseUrl);
        boolean typedKey = isKeyEditable() && apiKey != null && !apiKey.isBlank();
        if (typedKey || id == null) {
            body.put("apiKey", apiKey);
        } else {
            body.put("credentialId", id);
        }
        ConnectionReport report;
        try {
            report = catalog.check(catalog.adapter(provider), body.fields()).toCompletableFuture()
                    .get(GUARD_SECONDS, TimeUnit.SECONDS);
        } catch (ProblemException refused) {
            showRefusal(refused);
            return;
        } catch (ExecutionException | CompletionException e) {
            ProblemException refused = Forms.problemIn(e);
            if (refused != null) {
                showRefusal(refused);
            } else {
                LOG.log(Level.WARNING, "A connection test failed", e);
                testResult = new TestResult(false, "The test could not run", "The server could not run the test");
            }
            return;
        } catch (TimeoutException e) {
            testResult = new TestResult(false, "The test could not run", "No answer within " + GUARD_SECONDS + " s");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            testResult = new TestResult(false, "The test could not run", "interrupted");
            return;
        }
        testResult = report.ok()
                ? new TestResult(true, "Connected: key valid, model available (" + report.latencyMs() + " ms)", null)
                : new TestResult(false, failureSummary(report), report.message());
    }

    /** The model's problem goes next to its field; the rest (key, URL) says why no test ran. */
    private void showRefusal(ProblemException refused) {
        Problem problem = refused.toProblem();
        if (problem.status() != 400 || problem.errors() == null) {
            testResult = new TestResult(false, "The test was refused", problem.detail());
            return;
        }
        StringBuilder other = new StringBuilder();
        for (Problem.FieldError error : problem.errors()) {
            if (error.field().equals("model")) {
                Forms.error("cred:testModel", capitalize(error.message()));
            } else {
                other.append(other.isEmpty() ? "" : "; ").append(label(error.field())).append(' ').append(error.message());
            }
        }
        if (!other.isEmpty()) {
            testResult = new TestResult(false, "Nothing to test yet", other.toString());
        }
    }

    private static String failureSummary(ConnectionReport report) {
        String errorClass = report.errorClass();
        if (!report.keyValid()) {
            return "The key was refused" + (errorClass == null ? "" : " (" + errorClass + ")");
        }
        if (!report.modelAvailable()) {
            return "The key works, but the model is not available" + (errorClass == null ? "" : " (" + errorClass + ")");
        }
        return "The connection failed" + (errorClass == null ? "" : " (" + errorClass + ")");
    }

    private static String label(String field) {
        return switch (field) {
            case "apiKey", "credentialId" -> "API key:";
            case "baseUrl" -> "Base URL:";
            default -> field + ":";
        };
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The test model picker: the saved credential's live catalog. */
    public List<String> completeModel(String query) {
        if (id == null || provider == null) {
            return List.of();
        }
        return liveCatalog.of(provider, id).matching(query, 30).stream().map(ModelChoice::id).toList();
    }

    public boolean isEditing() {
        return editing;
    }

    public Long getId() {
        return id;
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public String getApiKey() {
        return null;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getKeyHint() {
        return keyHint;
    }

    public boolean isReplacingKey() {
        return replacingKey;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Integer getRequestsPerMinute() {
        return requestsPerMinute;
    }

    public void setRequestsPerMinute(Integer requestsPerMinute) {
        this.requestsPerMinute = requestsPerMinute;
    }

    public Integer getTokensPerMinute() {
        return tokensPerMinute;
    }

    public void setTokensPerMinute(Integer tokensPerMinute) {
        this.tokensPerMinute = tokensPerMinute;
    }

    public String getTestModel() {
        return testModel;
    }

    public void setTestModel(String testModel) {
        this.testModel = testModel;
    }

    public TestResult getTestResult() {
        return testResult;
    }
}
