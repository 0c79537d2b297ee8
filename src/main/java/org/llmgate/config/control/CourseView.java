package org.llmgate.config.control;

import org.llmgate.config.entity.Course;

public record CourseView(Long id, Long organizationId, String name, Long llmConfigId) implements CrudService.Identified {

    public static CourseView of(Course c) {
        return new CourseView(c.getId(), c.getOrganizationId(), c.getName(), c.getLlmConfigId());
    }
}
