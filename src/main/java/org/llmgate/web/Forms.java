package org.llmgate.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.PersistenceException;
import java.math.BigDecimal;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.llmgate.platform.JsonFields;
import org.llmgate.platform.problem.Problem;
import org.llmgate.platform.problem.ProblemException;

/**
 * Form fields become the JSON body the REST API takes, so a screen gets exactly the validation the
 * API gives; a refusal's field errors are shown next to the component named like the field.
 */
final class Forms {

    private static final Logger LOG = Logger.getLogger(Forms.class.getName());

    private Forms() {
    }

    static final class Body {
        private final JsonObjectBuilder json = Json.createObjectBuilder();

        Body put(String name, Object value) {
            if (value instanceof String s && !s.isBlank()) {
                json.add(name, s);
            } else if (value instanceof Long l) {
                json.add(name, l);
            } else if (value instanceof Integer i) {
                json.add(name, i);
            } else if (value instanceof Double d) {
                json.add(name, d);
            } else if (value instanceof BigDecimal d) {
                json.add(name, d);
            }
            return this;
        }

        JsonFields fields() {
            return JsonFields.parse(built().toString());
        }

        private jakarta.json.JsonObject built;

        private jakarta.json.JsonObject built() {
            if (built == null) {
                built = json.build();
            }
            return built;
        }
    }

    static jakarta.json.JsonObject json(Body body) {
        return body.built();
    }

    static Body body() {
        return new Body();
    }

    /**
     * Runs a save. On a refusal, shows its messages (field errors next to {@code formId:field}) and
     * marks the request failed so the form stays open with what was typed; answers null.
     */
    static <T> T attempt(String formId, Supplier<T> save) {
        return attempt(formId, save, null);
    }

    /** As {@link #attempt(String, Supplier)}; a 409 refusal goes to {@code onConflict} when given. */
    static <T> T attempt(String formId, Supplier<T> save, Consumer<ProblemException> onConflict) {
        try {
            return save.get();
        } catch (RuntimeException e) {
            ProblemException problem = problemIn(e);
            if (problem != null && problem.status() == 409 && onConflict != null) {
                onConflict.accept(problem);
            } else if (problem != null) {
                show(formId, problem);
            } else if (causedBy(e, PersistenceException.class)) {
                LOG.log(Level.WARNING, "Database refused a change", e);
                error(null, "The change conflicts with existing data (was it changed or deleted meanwhile?)");
            } else {
                LOG.log(Level.SEVERE, "Save failed", e);
                error(null, "The server could not save this; nothing was changed");
            }
            FacesContext.getCurrentInstance().validationFailed();
            return null;
        }
    }

    static void show(String formId, ProblemException problem) {
        Problem p = problem.toProblem();
        if (p.errors() == null || p.errors().isEmpty()) {
            error(null, p.detail());
            return;
        }
        for (Problem.FieldError fieldError : p.errors()) {
            String clientId = formId + ":" + fieldError.field();
            if (component(clientId) != null) {
                error(clientId, capitalized(fieldError.message()));
            } else {
                error(null, fieldError.field() + ": " + fieldError.message());
            }
        }
    }

    static UIComponent component(String clientId) {
        try {
            return FacesContext.getCurrentInstance().getViewRoot().findComponent(":" + clientId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static void error(String clientId, String message) {
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    }

    static void warn(String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, message, null));
    }

    static void info(String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
    }

    static ProblemException problemIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProblemException p) {
                return p;
            }
        }
        return null;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String capitalized(String message) {
        return message == null || message.isEmpty() ? "Invalid"
                : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }
}
