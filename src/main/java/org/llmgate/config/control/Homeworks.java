package org.llmgate.config.control;

import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.llmgate.config.entity.Course;
import org.llmgate.config.entity.Homework;
import org.llmgate.platform.JsonFields;
import org.llmgate.platform.problem.ProblemException;

@Stateless
@LocalBean
public class Homeworks implements CrudService<HomeworkView> {

    private static final java.util.Set<String> FIELDS = JsonFields.fieldsOf(HomeworkView.class);

    @PersistenceContext(unitName = "llmgate")
    EntityManager em;
    @Inject
    ConfigChanges changes;

    public List<HomeworkView> list(Long courseId) {
        return Listing.of(em, Homework.class, "courseId", courseId, HomeworkView::of);
    }

    public HomeworkView get(long id) {
        return HomeworkView.of(find(id));
    }

    public HomeworkView create(JsonFields fields) {
        Homework homework = new Homework();
        apply(homework, fields);
        em.persist(homework);
        changes.record("homework");
        return HomeworkView.of(homework);
    }

    public HomeworkView update(long id, JsonFields fields) {
        Homework homework = find(id);
        apply(homework, fields);
        changes.record("homework");
        return HomeworkView.of(homework);
    }

    public void delete(long id) {
        em.remove(find(id));
        changes.record("homework");
    }

    private void apply(Homework homework, JsonFields fields) {
        Long courseId = fields.requiredId("courseId");
        String name = fields.requiredString("name", 200);
        Long configId = fields.optionalId("llmConfigId");
        Course course = courseId == null ? null : em.find(Course.class, courseId);
        if (courseId != null && course == null) {
            fields.fail("courseId", "course " + courseId + " does not exist");
        } else if (course != null && homework.getCourseId() != null
                && !course.getOrganizationId().equals(em.find(Course.class, homework.getCourseId()).getOrganizationId())) {
            fields.fail("courseId", "a homework cannot move to another organization's course");
        } else if (course != null) {
            Assignments.checkConfig(em, fields, "llmConfigId", configId, course.getOrganizationId());
        }
        fields.validate();
        homework.setCourseId(courseId);
        homework.setName(name);
        homework.setLlmConfigId(configId);
    }

    Homework find(long id) {
        Homework homework = em.find(Homework.class, id);
        if (homework == null) {
            throw ProblemException.notFound("homework", id);
        }
        return homework;
    }

    @Override
    public java.util.Set<String> fields() {
        return FIELDS;
    }
}
