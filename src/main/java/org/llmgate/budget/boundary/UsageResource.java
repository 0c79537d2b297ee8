package org.llmgate.budget.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.llmgate.budget.control.BudgetCalendar;
import org.llmgate.budget.control.StudentIds;
import org.llmgate.budget.control.UsageReport;
import org.llmgate.budget.control.UsageReports;
import org.llmgate.platform.problem.ProblemException;

/**
 * {@code /api/admin/usage} (SPEC §11): reports as JSON or, with {@code Accept: text/csv}, CSV; and a
 * student's erasure. Admin only: an admin path, which integration tokens cannot reach.
 */
@Path("admin/usage")
public class UsageResource {

    static final String CSV = "text/csv";

    @Inject
    UsageReports reports;
    @Inject
    BudgetCalendar calendar;

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Response report(@QueryParam("organizationId") String organizationId, @QueryParam("courseId") String courseId,
                           @QueryParam("homeworkId") String homeworkId, @QueryParam("user") String user,
                           @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("groupBy") String groupBy, @jakarta.ws.rs.core.Context jakarta.ws.rs.core.HttpHeaders headers) {
        LocalDate today = calendar.now().atZone(calendar.zone()).toLocalDate();
        LocalDate start = date("from", from, today.withDayOfMonth(1));
        LocalDate end = date("to", to, today.withDayOfMonth(today.lengthOfMonth()));
        if (end.isBefore(start)) {
            throw ProblemException.invalidField("to", "must not be before from");
        }
        if (user != null) {
            StudentIds.check("user", user);
        }
        UsageReports.Filter filter = new UsageReports.Filter(requiredId("organizationId", organizationId),
                id("courseId", courseId), id("homeworkId", homeworkId), user, start, end);
        UsageReport report = reports.report(filter, groupBy(groupBy));
        boolean csv = headers.getAcceptableMediaTypes().stream().anyMatch(t -> t.isCompatible(MediaType.valueOf(CSV))
                && !t.isWildcardType());
        return csv
                ? Response.ok(report.csv(), CSV + "; charset=UTF-8")
                        .header("Content-Disposition", "attachment; filename=\"usage.csv\"").build()
                : Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @DELETE
    public Response erase(@QueryParam("organizationId") String organizationId, @QueryParam("user") String user) {
        long org = requiredId("organizationId", organizationId);
        if (user == null) {
            throw ProblemException.invalidField("user", "is required");
        }
        StudentIds.check("user", user);
        reports.erase(org, user);
        return Response.noContent().build();
    }

    private static UsageReports.GroupBy groupBy(String value) {
        if (value == null) {
            return UsageReports.GroupBy.DAY;
        }
        try {
            return UsageReports.GroupBy.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("groupBy", "must be day, course, homework, model, config or user");
        }
    }

    private static LocalDate date(String name, String value, LocalDate otherwise) {
        if (value == null) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(name, "must be an ISO date (2026-12-01)");
        }
    }

    private static long requiredId(String name, String value) {
        Long id = id(name, value);
        if (id == null) {
            throw ProblemException.invalidField(name, "is required");
        }
        return id;
    }

    private static Long id(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalidField(name, "must be a positive whole number");
    }
}
