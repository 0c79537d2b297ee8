package org.llmgate.web;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.io.IOException;
import java.util.Iterator;
import java.util.logging.Logger;

/**
 * An expired or forged view (a postback whose ViewState the server does not know) and a page bean
 * used without a session both send the browser to the login page: one log line, no stack trace,
 * no server error page (issue 10).
 */
public class ScreenExceptionHandler extends ExceptionHandlerWrapper {

    private static final Logger LOG = Logger.getLogger(ScreenExceptionHandler.class.getName());

    public ScreenExceptionHandler(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    public void handle() throws FacesException {
        Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
        while (events.hasNext()) {
            Throwable error = events.next().getContext().getException();
            if (toLogin(error)) {
                events.remove();
                LOG.info(() -> "Screen request sent to the login page: " + error.getClass().getSimpleName());
                redirectToLogin();
                return;
            }
        }
        getWrapped().handle();
    }

    private static boolean toLogin(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ViewExpiredException || t instanceof SignedInCheck.NotSignedIn) {
                return true;
            }
        }
        return false;
    }

    private static void redirectToLogin() {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        try {
            if (!external.isResponseCommitted()) {
                external.responseReset();
                external.redirect(external.getRequestContextPath() + ScreenPaths.LOGIN_PAGE);
            }
        } catch (IOException e) {
            LOG.fine("Redirect to the login page failed: the client went away");
        }
        faces.responseComplete();
    }

    /** Registered in faces-config.xml. */
    public static class Factory extends ExceptionHandlerFactory {
        public Factory(ExceptionHandlerFactory wrapped) {
            super(wrapped);
        }

        @Override
        public ExceptionHandler getExceptionHandler() {
            return new ScreenExceptionHandler(getWrapped().getExceptionHandler());
        }
    }
}
