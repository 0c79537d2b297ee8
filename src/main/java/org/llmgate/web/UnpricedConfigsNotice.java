package org.llmgate.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.llmgate.budget.control.UnpricedConfigs;
import org.llmgate.config.control.LlmConfigView;

/** The health page's list of configs a money budget cannot see the cost of (SPEC §11). */
@Named
@SignedIn
@RequestScoped
public class UnpricedConfigsNotice {

    @Inject
    UnpricedConfigs unpriced;

    private List<LlmConfigView> rows;

    public List<LlmConfigView> getRows() {
        if (rows == null) {
            rows = unpriced.underMoneyBudgets();
        }
        return rows;
    }
}
