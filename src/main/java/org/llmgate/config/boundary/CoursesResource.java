package org.llmgate.config.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import org.llmgate.config.control.Courses;
import org.llmgate.config.control.CourseView;
import org.llmgate.config.control.CrudService;

@Path("admin/courses")
public class CoursesResource extends CrudResource<CourseView> {

    @Inject
    Courses service;

    @Override
    protected CrudService<CourseView> service() {
        return service;
    }

    @Override
    protected String parentParameter() {
        return "organizationId";
    }
}
