package org.llmgate.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.llmgate.config.control.LlmConfigView;
import org.llmgate.config.control.LlmConfigs;
import org.llmgate.config.control.OrganizationView;
import org.llmgate.config.control.Organizations;

/** Organizations and the config each one uses unless a course or homework sets its own. */
@Named
@SignedIn
@ViewScoped
public class OrganizationsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Organizations organizations;
    @Inject
    LlmConfigs configs;
    @Inject
    Workspace workspace;

    private boolean editing;
    private Long id;
    private String name;
    private Long llmConfigId;

    public List<OrganizationView> getRows() {
        return organizations.list(null);
    }

    public List<LlmConfigView> getConfigChoices() {
        return id == null ? List.of() : configs.list(id);
    }

    public String configLabel(Long configId) {
        if (configId == null) {
            return "—";
        }
        LlmConfigView config = configs.get(configId);
        return config.name() + " (" + config.model() + ")";
    }

    public void startNew() {
        editing = true;
        id = null;
        name = null;
        llmConfigId = null;
    }

    public void edit(OrganizationView row) {
        editing = true;
        id = row.id();
        name = row.name();
        llmConfigId = row.llmConfigId();
    }

    public void cancel() {
        editing = false;
    }

    public void save() {
        Forms.Body body = Forms.body().put("name", name).put("llmConfigId", llmConfigId);
        OrganizationView saved = Forms.attempt("org", () -> id == null
                ? organizations.create(body.fields()) : organizations.update(id, body.fields()));
        if (saved != null) {
            editing = false;
            workspace.setOrganizationId(saved.id());
            Forms.info("Saved organization " + saved.name());
        }
    }

    public void delete(OrganizationView row) {
        if (Forms.attempt("org", () -> {
            organizations.delete(row.id());
            return Boolean.TRUE;
        }) != null) {
            editing = editing && !row.id().equals(id);
            Forms.info("Deleted organization " + row.name() + " with its courses, homeworks, credentials and configs");
        }
    }

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

    public Long getLlmConfigId() {
        return llmConfigId;
    }

    public void setLlmConfigId(Long llmConfigId) {
        this.llmConfigId = llmConfigId;
    }
}
