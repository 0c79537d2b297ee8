package org.llmgate.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.llmgate.platform.security.AdminSession;

/** What every page's frame shows: the menu, the signed-in admin, the token the page's scripts send. */
@Named
@SignedIn
@RequestScoped
public class AdminScreens {

    public record Page(String outcome, String label) {
    }

    private static final List<Page> PAGES = List.of(
            new Page("/index", "Start"),
            new Page("/organizations", "Organizations"),
            new Page("/courses", "Courses & homeworks"),
            new Page("/credentials", "Credentials"),
            new Page("/configs", "LLM configs"),
            new Page("/playground", "Playground"),
            new Page("/budgets", "Budgets"),
            new Page("/health", "Health"));

    public List<Page> getPages() {
        return PAGES;
    }

    public String getUsername() {
        return AdminSession.admin(request()).orElse("");
    }

    public String getCsrfToken() {
        return AdminSession.csrfToken(request());
    }

    private static HttpServletRequest request() {
        return (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    }
}
