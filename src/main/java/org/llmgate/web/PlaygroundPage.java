package org.llmgate.web;

import jakarta.faces.model.SelectItem;
import jakarta.faces.model.SelectItemGroup;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
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
 * The playground: pick a homework and chat as a student would. The page's script posts to
 * /api/chat and reads the SSE stream itself; this bean only offers the homeworks and the chain.
 */
@Named
@SignedIn
@ViewScoped
public class PlaygroundPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Workspace workspace;
    @Inject
    Courses courses;
    @Inject
    Homeworks homeworks;
    @Inject
    LlmConfigs configs;
    @Inject
    EffectiveConfigResolver resolver;

    private Long homeworkId;

    /** Homeworks grouped by course. */
    public List<SelectItem> getHomeworkChoices() {
        List<SelectItem> groups = new ArrayList<>();
        Long organizationId = workspace.getOrganizationId();
        if (organizationId == null) {
            return groups;
        }
        for (CourseView course : courses.list(organizationId)) {
            List<SelectItem> items = homeworks.list(course.id()).stream()
                    .map(h -> new SelectItem(h.id(), h.name())).toList();
            if (!items.isEmpty()) {
                SelectItemGroup group = new SelectItemGroup(course.name());
                group.setSelectItems(items.toArray(SelectItem[]::new));
                groups.add(group);
            }
        }
        return groups;
    }

    public Long getHomeworkId() {
        if (homeworkId == null) {
            getHomeworkChoices().stream().findFirst()
                    .map(g -> ((SelectItemGroup) g).getSelectItems()[0].getValue())
                    .ifPresent(first -> homeworkId = (Long) first);
        }
        return homeworkId;
    }

    public void setHomeworkId(Long homeworkId) {
        this.homeworkId = homeworkId;
    }

    public EffectiveConfig getEffective() {
        Long id = getHomeworkId();
        return id == null ? null : resolver.resolve(new ChatTarget(ChatTarget.Kind.HOMEWORK, id)).effective();
    }

    public String getChain() {
        EffectiveConfig effective = getEffective();
        if (effective == null || !effective.configured()) {
            return "";
        }
        return String.join("  →  ", effective.chain().stream().map(c -> c.name() + " (" + c.model() + ")").toList());
    }

    /** Config id → "name (model)" for the script, which names the backup model in the fallback notice. */
    public String getConfigNames() {
        JsonObjectBuilder names = Json.createObjectBuilder();
        Long organizationId = workspace.getOrganizationId();
        if (organizationId != null) {
            for (LlmConfigView config : configs.list(organizationId)) {
                names.add(String.valueOf(config.id()), config.name() + " (" + config.model() + ")");
            }
        }
        return names.build().toString();
    }

    public void homeworkChanged() {
        // the chain shown under the picker follows the choice; nothing else to do
    }
}
