package org.llmgate.catalog.control;

import jakarta.enterprise.context.RequestScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * What saving a resource found worth telling the admin without refusing the save, e.g. a model the
 * provider's catalog does not list. Collected during the request, shown in the POST/PUT answer.
 */
@RequestScoped
public class SaveWarnings {

    private final List<String> warnings = new ArrayList<>();

    public void add(String warning) {
        warnings.add(warning);
    }

    public List<String> all() {
        return List.copyOf(warnings);
    }
}
