package org.llmgate.web;

import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.llmgate.budget.control.BudgetCalendar;
import org.llmgate.budget.control.BudgetMessages;
import org.llmgate.budget.control.Budgets;
import org.llmgate.budget.control.UsageReport;
import org.llmgate.budget.control.UsageReports;
import org.llmgate.budget.entity.Budget;
import org.llmgate.config.control.ConfigCache;
import org.llmgate.config.control.ConfigSnapshot;
import org.llmgate.config.control.CourseView;
import org.llmgate.config.control.HomeworkView;
import org.llmgate.platform.JsonFields;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

/**
 * The organization's budgets with spent / limit bars, a form for a new one, and its usage: cost per
 * day as a chart, a breakdown, and the CSV. It calls the same services as the REST API (SPEC §11).
 */
@Named
@SignedIn
@ViewScoped
public class BudgetsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Workspace workspace;
    @Inject
    Budgets budgets;
    @Inject
    BudgetMessages messages;
    @Inject
    UsageReports reports;
    @Inject
    BudgetCalendar calendar;
    @Inject
    ConfigCache cache;
    @Inject
    BudgetBars bars;

    private String target = "organization";
    private String period = "month";
    private BigDecimal limitCents;
    private Long limitTokens;
    private boolean perStudent;
    private String from;
    private String to;
    private String groupBy = "course";
    private transient UsageReport byDay;
    private transient UsageReport breakdown;

    public List<BudgetBars.Bar> getRows() {
        return bars.all(workspace.getOrganizationId());
    }

    public List<SelectItem> getTargets() {
        Long org = workspace.getOrganizationId();
        List<SelectItem> items = new ArrayList<>();
        items.add(new SelectItem("organization", "The whole organization"));
        if (org == null) {
            return items;
        }
        ConfigSnapshot snapshot = cache.snapshot();
        for (CourseView c : snapshot.courses().values()) {
            if (c.organizationId().equals(org)) {
                items.add(new SelectItem("course:" + c.id(), "Course " + c.name()));
                for (HomeworkView h : snapshot.homeworks().values()) {
                    if (h.courseId().equals(c.id())) {
                        items.add(new SelectItem("homework:" + h.id(), "Homework " + h.name() + " (" + c.name() + ")"));
                    }
                }
            }
        }
        return items;
    }

    public void save() {
        JsonObjectBuilder json = Json.createObjectBuilder().add("organizationId", workspace.getOrganizationId())
                .add("period", period).add("perStudent", perStudent);
        if (target != null && target.startsWith("course:")) {
            json.add("courseId", Long.parseLong(target.substring(7)));
        } else if (target != null && target.startsWith("homework:")) {
            json.add("homeworkId", Long.parseLong(target.substring(9)));
        }
        if (limitCents != null) {
            json.add("limitCents", limitCents);
        }
        if (limitTokens != null) {
            json.add("limitTokens", limitTokens);
        }
        Budget saved = Forms.attempt("budget", () -> budgets.create(JsonFields.parse(json.build().toString())));
        if (saved != null) {
            bars.forget();
            limitCents = null;
            limitTokens = null;
            Forms.info("Saved a " + saved.periodKind().adjective() + " budget for " + messages.target(saved, false));
        }
    }

    public void delete(BudgetBars.Bar row) {
        if (Forms.attempt("budgets", () -> {
            budgets.delete(row.budget().id());
            return Boolean.TRUE;
        }) != null) {
            bars.forget();
            Forms.info("Deleted the budget of " + row.target());
        }
    }

    /** Cost per day of the chosen dates, as a Chart.js configuration for {@code p:chart}. */
    public String getChartJson() {
        UsageReport report = byDay();
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder data = Json.createArrayBuilder();
        if (report != null) {
            report.rows().forEach(r -> {
                labels.add(r.key());
                data.add(r.costCents());
            });
        }
        return Json.createObjectBuilder().add("type", "bar")
                .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("label", "Cost per day (cents)").add("data", data))))
                .add("options", Json.createObjectBuilder().add("animation", false)).build().toString();
    }

    public UsageReport getBreakdown() {
        if (breakdown == null && workspace.getOrganizationId() != null) {
            breakdown = Forms.attempt("usage", () -> reports.report(filter(), UsageReports.GroupBy.valueOf(groupBy.toUpperCase(java.util.Locale.ROOT))));
        }
        return breakdown;
    }

    public StreamedContent getCsv() {
        UsageReport report = getBreakdown();
        byte[] csv = (report == null ? "" : report.csv()).getBytes(StandardCharsets.UTF_8);
        return DefaultStreamedContent.builder().name("usage-" + groupBy + ".csv").contentType("text/csv")
                .stream(() -> new ByteArrayInputStream(csv)).build();
    }

    public void refresh() {
        byDay = null;
        breakdown = null;
    }

    private UsageReport byDay() {
        if (byDay == null && workspace.getOrganizationId() != null) {
            byDay = Forms.attempt("usage", () -> reports.report(filter(), UsageReports.GroupBy.DAY));
        }
        return byDay;
    }

    /** The first day the usage shows when no "from" is given: the first of this month, in llmgate's time zone. */
    public LocalDate getDefaultFrom() {
        return today().withDayOfMonth(1);
    }

    /** The last day the usage shows when no "to" is given: the last of this month. */
    public LocalDate getDefaultTo() {
        LocalDate today = today();
        return today.withDayOfMonth(today.lengthOfMonth());
    }

    private LocalDate today() {
        return calendar.now().atZone(calendar.zone()).toLocalDate();
    }

    private UsageReports.Filter filter() {
        LocalDate start = date("from", from, getDefaultFrom());
        LocalDate end = date("to", to, getDefaultTo());
        return new UsageReports.Filter(workspace.getOrganizationId(), null, null, null, start, end);
    }

    private static LocalDate date(String field, String value, LocalDate otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw org.llmgate.platform.problem.ProblemException.invalidField(field, "must be a date like 2026-12-01");
        }
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getPeriod() {
        return period;
    }

    public void setPeriod(String period) {
        this.period = period;
    }

    public BigDecimal getLimitCents() {
        return limitCents;
    }

    public void setLimitCents(BigDecimal limitCents) {
        this.limitCents = limitCents;
    }

    public Long getLimitTokens() {
        return limitTokens;
    }

    public void setLimitTokens(Long limitTokens) {
        this.limitTokens = limitTokens;
    }

    public boolean isPerStudent() {
        return perStudent;
    }

    public void setPerStudent(boolean perStudent) {
        this.perStudent = perStudent;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getGroupBy() {
        return groupBy;
    }

    public void setGroupBy(String groupBy) {
        this.groupBy = groupBy;
    }
}
