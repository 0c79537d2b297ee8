package org.llmgate.config.control;

import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.llmgate.config.entity.Course;
import org.llmgate.config.entity.Organization;
import org.llmgate.platform.JsonFields;
import org.llmgate.platform.problem.ProblemException;

@Stateless
@LocalBean
public class Courses implements CrudService<CourseView> {

    private static final java.util.Set<String> FIELDS = JsonFields.fieldsOf(CourseView.class);

    @PersistenceContext(unitName = "llmgate")
    EntityManager em;
    @Inject
    ConfigChanges changes;

    public List<CourseView> list(Long organizationId) {
        return Listing.of(em, Course.class, "organizationId", organizationId, CourseView::of);
    }

    public CourseView get(long id) {
        return CourseView.of(find(id));
    }

    public CourseView create(JsonFields fields) {
        Course course = new Course();
        apply(course, fields);
        em.persist(course);
        changes.record("course");
        return CourseView.of(course);
    }

    public CourseView update(long id, JsonFields fields) {
        Course course = find(id);
        apply(course, fields);
        changes.record("course");
        return CourseView.of(course);
    }

    public void delete(long id) {
        em.remove(find(id));
        changes.record("course");
    }

    private void apply(Course course, JsonFields fields) {
        Long organizationId = fields.requiredId("organizationId");
        String name = fields.requiredString("name", 200);
        Long configId = fields.optionalId("llmConfigId");
        if (organizationId != null && em.find(Organization.class, organizationId) == null) {
            fields.fail("organizationId", "organization " + organizationId + " does not exist");
        } else if (course.getId() != null && organizationId != null && !organizationId.equals(course.getOrganizationId())) {
            fields.fail("organizationId", "a course cannot move to another organization");
        } else {
            Assignments.checkConfig(em, fields, "llmConfigId", configId, organizationId);
        }
        fields.validate();
        course.setOrganizationId(organizationId);
        course.setName(name);
        course.setLlmConfigId(configId);
    }

    Course find(long id) {
        Course course = em.find(Course.class, id);
        if (course == null) {
            throw ProblemException.notFound("course", id);
        }
        return course;
    }

    @Override
    public java.util.Set<String> fields() {
        return FIELDS;
    }
}
