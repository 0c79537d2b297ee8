package org.llmgate.config.control;

import org.llmgate.config.entity.Homework;

public record HomeworkView(Long id, Long courseId, String name, Long llmConfigId) implements CrudService.Identified {

    public static HomeworkView of(Homework h) {
        return new HomeworkView(h.getId(), h.getCourseId(), h.getName(), h.getLlmConfigId());
    }
}
