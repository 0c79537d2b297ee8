package org.llmgate.web;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.faces.context.FacesContext;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.servlet.http.HttpServletRequest;
import org.llmgate.platform.security.AdminSession;

/** Enforces {@link SignedIn}: no admin session in the current Faces request, no bean. */
@SignedIn
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class SignedInCheck implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    @PostConstruct
    void onCreate(InvocationContext context) throws Exception {
        requireSession();
        context.proceed();
    }

    @AroundInvoke
    Object onCall(InvocationContext context) throws Exception {
        requireSession();
        return context.proceed();
    }

    private static void requireSession() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (faces == null || !(faces.getExternalContext().getRequest() instanceof HttpServletRequest request)
                || AdminSession.admin(request).isEmpty()) {
            throw new NotSignedIn();
        }
    }

    /** Turned into a redirect to the login page by {@link ScreenExceptionHandler}. */
    static final class NotSignedIn extends RuntimeException {
        NotSignedIn() {
            super("No signed-in admin", null, false, false);
        }
    }
}
