package org.llmgate.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.llmgate.platform.security.AdminAccount;
import org.llmgate.platform.security.AdminSession;
import org.llmgate.platform.security.LoginVerdict;

/** The login page and the logout link. */
@Named
@RequestScoped
public class LoginForm {

    @Inject
    AdminAccount adminAccount;

    private String username;
    private String password;
    private String next;

    public void login() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        LoginVerdict verdict = username == null || password == null ? null
                : adminAccount.verify(username, password, request.getRemoteAddr());
        if (verdict != null && verdict.throttled()) {
            external.setResponseStatus(429);
            external.setResponseHeader("Retry-After", String.valueOf(verdict.retryAfterSeconds()));
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "Too many failed sign-ins: try again in " + verdict.retryAfterSeconds() + " seconds", null));
            faces.validationFailed();
            return;
        }
        if (verdict == null || !verdict.accepted()) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Wrong username or password", null));
            faces.validationFailed();
            return;
        }
        AdminSession.signIn(request, (HttpServletResponse) external.getResponse(), username);
        external.redirect(external.getRequestContextPath() + (isLocalPage(next) ? next : "/index.xhtml"));
    }

    public String logout() {
        FacesContext.getCurrentInstance().getExternalContext().invalidateSession();
        return "/login.xhtml?faces-redirect=true";
    }

    /** A page of this application: the context path goes in front, so it cannot lead to another site. */
    static boolean isLocalPage(String target) {
        return target != null && target.startsWith("/") && !target.startsWith("//")
                && target.chars().noneMatch(c -> c == '\\' || c < 0x20);
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }
}
