package org.llmgate.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.llmgate.catalog.control.SaveWarnings;
import org.llmgate.config.control.CredentialView;
import org.llmgate.config.control.Credentials;
import org.llmgate.config.control.FallbackChain;
import org.llmgate.config.control.LlmConfigView;
import org.llmgate.config.control.LlmConfigs;
import org.llmgate.platform.problem.ProblemException;
import org.llmgate.providers.ProviderAdapter;
import org.llmgate.providers.ProviderRegistry;

/**
 * LLM configs: a credential, a model from its live catalog, parameters, and an optional fallback
 * among the organization's configs. The service refuses a fallback that closes a cycle (SPEC §3);
 * the page names the loop so the admin sees which choice caused it.
 */
@Named
@SignedIn
@ViewScoped
public class ConfigsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    LlmConfigs configs;
    @Inject
    Credentials credentials;
    @Inject
    ProviderRegistry providers;
    @Inject
    Workspace workspace;
    @Inject
    LiveCatalog liveCatalog;
    @Inject
    SaveWarnings saveWarnings;

    private boolean editing;
    private Long id;
    private String name;
    private Long credentialId;
    private String model;
    private Long fallbackConfigId;
    private Double temperature;
    private Integer maxOutputTokens;
    private BigDecimal inputCentsPerMillion;
    private BigDecimal outputCentsPerMillion;
    private Integer contextWindow;
    private transient LiveCatalog.Listing catalog;
    private transient Long catalogOf;

    public List<LlmConfigView> getRows() {
        Long organizationId = workspace.getOrganizationId();
        return organizationId == null ? List.of() : configs.list(organizationId);
    }

    public List<CredentialView> getCredentialChoices() {
        Long organizationId = workspace.getOrganizationId();
        return organizationId == null ? List.of() : credentials.list(organizationId);
    }

    /** Every other config of the organization: a fallback never crosses organizations. */
    public List<LlmConfigView> getFallbackChoices() {
        return getRows().stream().filter(c -> !c.id().equals(id)).toList();
    }

    public String credentialLabel(Long credential) {
        return getCredentialChoices().stream().filter(c -> c.id().equals(credential)).findFirst()
                .map(c -> c.label() + (c.keyHint() == null ? "" : " ••••" + c.keyHint())).orElse("—");
    }

    public String providerName(String provider) {
        return providers.find(provider).map(ProviderAdapter::displayName).orElse(provider);
    }

    /** "primary → backup → last resort", walked as the runtime walks it. */
    public String chainOf(LlmConfigView start) {
        Map<Long, LlmConfigView> byId = getRows().stream().collect(Collectors.toMap(LlmConfigView::id, Function.identity()));
        return FallbackChain.from(start, byId).stream().map(LlmConfigView::name).collect(Collectors.joining("  →  "));
    }

    public String nameOf(Long configId) {
        return configId == null ? "—" : getRows().stream().filter(c -> c.id().equals(configId))
                .map(LlmConfigView::name).findFirst().orElse("#" + configId);
    }

    public void startNew() {
        editing = true;
        id = null;
        name = null;
        List<CredentialView> choices = getCredentialChoices();
        credentialId = choices.isEmpty() ? null : choices.get(0).id();
        model = null;
        fallbackConfigId = null;
        temperature = null;
        maxOutputTokens = null;
        inputCentsPerMillion = null;
        outputCentsPerMillion = null;
        contextWindow = null;
    }

    public void edit(LlmConfigView row) {
        editing = true;
        id = row.id();
        name = row.name();
        credentialId = row.credentialId();
        model = row.model();
        fallbackConfigId = row.fallbackConfigId();
        temperature = row.temperature();
        maxOutputTokens = row.maxOutputTokens();
        inputCentsPerMillion = row.inputCentsPerMillion();
        outputCentsPerMillion = row.outputCentsPerMillion();
        contextWindow = row.contextWindow();
    }

    public void cancel() {
        editing = false;
    }

    public void credentialChanged() {
        catalog = null;
    }

    // --- the model picker: the chosen credential's live catalog ----------------------------------

    private CredentialView credential() {
        return credentialId == null ? null : getCredentialChoices().stream()
                .filter(c -> c.id().equals(credentialId)).findFirst().orElse(null);
    }

    public LiveCatalog.Listing getCatalog() {
        CredentialView credential = credential();
        if (credential == null) {
            return new LiveCatalog.Listing(List.of(), false, null);
        }
        if (catalog == null || !Objects.equals(catalogOf, credential.id())) {
            catalog = liveCatalog.of(credential.provider(), credential.id());
            catalogOf = credential.id();
        }
        return catalog;
    }

    public List<String> completeModel(String query) {
        return getCatalog().matching(query, 50).stream().map(ModelChoice::id).toList();
    }

    public ModelChoice choice(String modelId) {
        ModelChoice found = getCatalog().find(modelId);
        return found != null ? found : new ModelChoice(modelId, null, null, null, null, false);
    }

    /** A model picked from the catalog brings its context window and prices along. */
    public void modelSelected() {
        ModelChoice picked = getCatalog().find(model);
        if (picked == null) {
            return;
        }
        contextWindow = picked.contextWindow();
        inputCentsPerMillion = picked.inputCentsPerMillion();
        outputCentsPerMillion = picked.outputCentsPerMillion();
    }

    // --- saving ------------------------------------------------------------------------------------

    public void save() {
        CredentialView credential = credential();
        Forms.Body body = Forms.body().put("organizationId", workspace.getOrganizationId()).put("name", name)
                .put("provider", credential == null ? null : credential.provider()).put("credentialId", credentialId)
                .put("model", model).put("fallbackConfigId", fallbackConfigId).put("temperature", temperature)
                .put("maxOutputTokens", maxOutputTokens).put("inputCentsPerMillion", inputCentsPerMillion)
                .put("outputCentsPerMillion", outputCentsPerMillion).put("contextWindow", contextWindow);
        LlmConfigView saved = Forms.attempt("cfg",
                () -> id == null ? configs.create(body.fields()) : configs.update(id, body.fields()),
                this::refused);
        if (saved != null) {
            editing = false;
            Forms.info("Saved LLM config " + saved.name());
            saveWarnings.all().forEach(Forms::warn);
        }
    }

    private void refused(ProblemException conflict) {
        if (fallbackConfigId == null) {
            Forms.error(null, conflict.getMessage());
            return;
        }
        Forms.error("cfg:fallbackConfigId", "Refused: this fallback leads back to this config (" + loopThrough(fallbackConfigId)
                + "). A fallback chain must end; pick another fallback or none.");
    }

    private String loopThrough(Long first) {
        Map<Long, LlmConfigView> byId = getRows().stream().collect(Collectors.toMap(LlmConfigView::id, Function.identity()));
        String self = name == null ? nameOf(id) : name;
        List<String> names = new ArrayList<>(List.of(self));
        for (Long hop : FallbackChain.pathFrom(first, id == null ? -1 : id,
                next -> byId.containsKey(next) ? byId.get(next).fallbackConfigId() : null)) {
            names.add(hop.equals(id) ? self : byId.containsKey(hop) ? byId.get(hop).name() : "#" + hop);
        }
        return String.join(" → ", names);
    }

    public void delete(LlmConfigView row) {
        if (Forms.attempt("cfg", () -> {
            configs.delete(row.id());
            return Boolean.TRUE;
        }) != null) {
            editing = editing && !row.id().equals(id);
            Forms.info("Deleted LLM config " + row.name() + "; configs that fell back to it now have no fallback");
        }
    }

    // --- form fields -------------------------------------------------------------------------------

    public boolean isEditing() {
        return editing;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Long getCredentialId() {
        return credentialId;
    }

    public void setCredentialId(Long credentialId) {
        this.credentialId = credentialId;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public Long getFallbackConfigId() {
        return fallbackConfigId;
    }

    public void setFallbackConfigId(Long fallbackConfigId) {
        this.fallbackConfigId = fallbackConfigId;
    }

    public Double getTemperature() {
        return temperature;
    }

    public void setTemperature(Double temperature) {
        this.temperature = temperature;
    }

    public Integer getMaxOutputTokens() {
        return maxOutputTokens;
    }

    public void setMaxOutputTokens(Integer maxOutputTokens) {
        this.maxOutputTokens = maxOutputTokens;
    }

    public BigDecimal getInputCentsPerMillion() {
        return inputCentsPerMillion;
    }

    public void setInputCentsPerMillion(BigDecimal inputCentsPerMillion) {
        this.inputCentsPerMillion = inputCentsPerMillion;
    }

    public BigDecimal getOutputCentsPerMillion() {
        return outputCentsPerMillion;
    }

    public void setOutputCentsPerMillion(BigDecimal outputCentsPerMillion) {
        this.outputCentsPerMillion = outputCentsPerMillion;
    }

    public Integer getContextWindow() {
        return contextWindow;
    }

    public void setContextWindow(Integer contextWindow) {
        this.contextWindow = contextWindow;
    }
}
