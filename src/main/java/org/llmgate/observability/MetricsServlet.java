package org.llmgate.observability;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/** {@code GET /llmgate/metrics}: Prometheus text for the admin or the metrics token (SPEC §12). */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {

    @Inject
    OperatorAccess access;
    @Inject
    ChatMetrics metrics;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<OperatorAccess.Caller> caller = access.identify(request, response);
        if (caller.isEmpty()) {
            return;
        }
        if (caller.get() == OperatorAccess.Caller.INTEGRATION) {
            OperatorAccess.problem(response, 403, "Integration tokens cannot read metrics");
            return;
        }
        response.setContentType(PrometheusText.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(metrics.scrape());
    }
}
