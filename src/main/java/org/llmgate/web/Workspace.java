package org.llmgate.web;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.llmgate.config.control.OrganizationView;
import org.llmgate.config.control.Organizations;

/**
 * The organization the admin is working on: credentials, configs, courses and the playground are
 * per organization. Chosen in the header on every page, or by {@code ?org=} in a link.
 */
@Named
@SignedIn
@SessionScoped
public class Workspace implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Organizations organizations;

    private Long organizationId;

    public List<OrganizationView> getOrganizations() {
        return organizations.list(null);
    }

    /** The current organization's id, or null when there is none yet. */
    public Long getOrganizationId() {
        // read once per request: pages ask for it many times while rendering
        var memo = FacesContext.getCurrentInstance().getAttributes();
        if (memo.containsKey(Workspace.class)) {
            return organizationId;
        }
        memo.put(Workspace.class, Boolean.TRUE);
        String requested = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("org");
        if (requested != null && requested.matches("\\d{1,18}")) {
            organizationId = Long.valueOf(requested);
        }
        List<OrganizationView> all = getOrganizations();
        if (organizationId == null || all.stream().noneMatch(o -> o.id().equals(organizationId))) {
            organizationId = all.isEmpty() ? null : all.get(0).id();
        }
        return organizationId;
    }

    public void setOrganizationId(Long organizationId) {
        this.organizationId = organizationId;
        FacesContext.getCurrentInstance().getAttributes().put(Workspace.class, Boolean.TRUE);
    }

    public String getOrganizationName() {
        Long id = getOrganizationId();
        return id == null ? "" : organizations.get(id).name();
    }

    /** After picking another organization in the header: reload the page so every list follows. */
    public void switched() throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        String viewId = FacesContext.getCurrentInstance().getViewRoot().getViewId();
        external.redirect(external.getRequestContextPath() + viewId + "?org=" + organizationId);
    }
}
