package org.llmgate.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.llmgate.config.control.Courses;
import org.llmgate.config.control.Credentials;
import org.llmgate.config.control.Homeworks;
import org.llmgate.config.control.LlmConfigs;

/** The start page's checklist: how far the current organization is set up. */
@Named
@SignedIn
@RequestScoped
public class StartPage {

    @Inject
    Workspace workspace;
    @Inject
    Credentials credentials;
    @Inject
    LlmConfigs configs;
    @Inject
    Courses courses;
    @Inject
    Homeworks homeworks;

    public boolean isHasOrganization() {
        return workspace.getOrganizationId() != null;
    }

    public int getCredentialCount() {
        return isHasOrganization() ? credentials.list(workspace.getOrganizationId()).size() : 0;
    }

    public int getConfigCount() {
        return isHasOrganization() ? configs.list(workspace.getOrganizationId()).size() : 0;
    }

    public boolean isHasFallback() {
        return isHasOrganization() && configs.list(workspace.getOrganizationId()).stream()
                .anyMatch(c -> c.fallbackConfigId() != null);
    }

    public long getHomeworkCount() {
        if (!isHasOrganization()) {
            return 0;
        }
        return courses.list(workspace.getOrganizationId()).stream()
                .mapToLong(c -> homeworks.list(c.id()).size()).sum();
    }
}
