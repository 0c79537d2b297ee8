package org.llmgate.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.llmgate.config.control.ChatTarget;
import org.llmgate.config.control.CourseView;
import org.llmgate.config.control.Courses;
import org.llmgate.config.control.EffectiveConfig;
import org.llmgate.config.control.EffectiveConfigResolver;
import org.llmgate.config.control.HomeworkView;
import org.llmgate.config.control.Homeworks;
import org.llmgate.config.control.LlmConfigView;
import org.llmgate.config.control.LlmConfigs;

/**
 * Courses and homeworks of the current organization, the config each one sets (or inherits), and
 * for each homework the effective config and fallback chain exactly as the runtime resolves them.
 */
@Named
@SignedIn
@ViewScoped
public class CoursesPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Courses courses;
    @Inject
    Homeworks homeworks;
    @Inject
    LlmConfigs configs;
    @Inject
    EffectiveConfigResolver resolver;
    @Inject
    Workspace workspace;

    /** A homework with what it really uses. */
    public record HomeworkRow(HomeworkView homework, String courseName, EffectiveConfig effective) {
        public String getChain() {
            return effective.chain().stream().map(c -> c.name() + " (" + c.model() + ")")
                    .collect(Collectors.joining("  →  "));
        }

        public String getSource() {
            return effective.source() == null ? "none" : "from the " + effective.source();
        }
    }

    private String editing; // null, "course" or "homework"
    private Long id;
    private String name;
    private Long parentId;
    private Long llmConfigId;

    public List<CourseView> getCourses() {
        Long organizationId = workspace.getOrganizationId();
        return organizationId == null ? List.of() : courses.list(organizationId);
    }

    public List<HomeworkRow> getHomeworks() {
        List<HomeworkRow> rows = new ArrayList<>();
        for (CourseView course : getCourses()) {
            for (HomeworkView homework : homeworks.list(course.id())) {
                EffectiveConfig effective = resolver.resolve(new ChatTarget(ChatTarget.Kind.HOMEWORK, homework.id())).effective();
                rows.add(new HomeworkRow(homework, course.name(), effective));
            }
        }
        return rows;
    }

    public List<LlmConfigView> getConfigChoices() {
        Long organizationId = workspace.getOrganizationId();
        return organizationId == null ? List.of() : configs.list(organizationId);
    }

    public String configLabel(Long configId) {
        return configId == null ? "inherits" : getConfigChoices().stream().filter(c -> c.id().equals(configId))
                .map(c -> c.name() + " (" + c.model() + ")").findFirst().orElse("#" + configId);
    }

    public void newCourse() {
        open("course", null, null, null, null);
    }

    public void editCourse(CourseView course) {
        open("course", course.id(), course.name(), null, course.llmConfigId());
    }

    public void newHomework() {
        List<CourseView> all = getCourses();
        open("homework", null, null, all.isEmpty() ? null : all.get(0).id(), null);
    }

    public void editHomework(HomeworkView homework) {
        open("homework", homework.id(), homework.name(), homework.courseId(), homework.llmConfigId());
    }

    private void open(String kind, Long id, String name, Long parentId, Long llmConfigId) {
        this.editing = kind;
        this.id = id;
        this.name = name;
        this.parentId = parentId;
        this.llmConfigId = llmConfigId;
    }

    public void cancel() {
        editing = null;
    }

    public void save() {
        boolean course = "course".equals(editing);
        Forms.Body body = Forms.body().put("name", name).put("llmConfigId", llmConfigId)
                .put(course ? "organizationId" : "courseId", course ? workspace.getOrganizationId() : parentId);
        Object saved = Forms.attempt("edit", () -> course
                ? (id == null ? courses.create(body.fields()) : courses.update(id, body.fields()))
                : (id == null ? homeworks.create(body.fields()) : homeworks.update(id, body.fields())));
        if (saved != null) {
            Forms.info("Saved " + editing + " " + name);
            editing = null;
        }
    }

    public void deleteCourse(CourseView course) {
        if (Forms.attempt("edit", () -> {
            courses.delete(course.id());
            return Boolean.TRUE;
        }) != null) {
            Forms.info("Deleted course " + course.name() + " and its homeworks");
        }
    }

    public void deleteHomework(HomeworkView homework) {
        if (Forms.attempt("edit", () -> {
            homeworks.delete(homework.id());
            return Boolean.TRUE;
        }) != null) {
            Forms.info("Deleted homework " + homework.name());
        }
    }

    public String getEditing() {
        return editing;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** The homework's course ({@code courseId} in the API). */
    public Long getCourseId() {
        return parentId;
    }

    public void setCourseId(Long courseId) {
        this.parentId = courseId;
    }

    public Long getLlmConfigId() {
        return llmConfigId;
    }

    public void setLlmConfigId(Long llmConfigId) {
        this.llmConfigId = llmConfigId;
    }
}
