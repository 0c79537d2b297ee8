package org.llmgate.config.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.llmgate.platform.problem.ProblemException;

/**
 * Homework → Course → Organization (SPEC §3), answered from the config cache.
 */
@ApplicationScoped
public class EffectiveConfigResolver {

    @Inject
    ConfigCache cache;

    public record Resolution(long organizationId, EffectiveConfig effective) {
    }

    public Resolution resolve(ChatTarget target) {
        return resolve(cache.snapshot(), target);
    }

    public static Resolution resolve(ConfigSnapshot snapshot, ChatTarget target) {
        Long homeworkConfig = null;
        Long courseConfig = null;
        Long courseId = null;
        Long organizationId = null;
        switch (target.kind()) {
            case HOMEWORK -> {
                HomeworkView homework = snapshot.homeworks().get(target.id());
                if (homework == null) {
                    throw ProblemException.notFound("homework", target.id());
                }
                homeworkConfig = homework.llmConfigId();
                courseId = homework.courseId();
            }
            case COURSE -> courseId = target.id();
            case ORGANIZATION -> organizationId = target.id();
        }
        if (courseId != null) {
            CourseView course = snapshot.courses().get(courseId);
            if (course == null) {
                throw ProblemException.notFound("course", courseId);
            }
            courseConfig = course.llmConfigId();
            organizationId = course.organizationId();
        }
        OrganizationView organization = snapshot.organizations().get(organizationId);
        if (organization == null) {
            throw ProblemException.notFound("organization", organizationId);
        }
        String source;
        Long configId;
        if (homeworkConfig != null) {
            source = "homework";
            configId = homeworkConfig;
        } else if (courseConfig != null) {
            source = "course";
            configId = courseConfig;
        } else {
            source = organization.llmConfigId() == null ? null : "organization";
            configId = organization.llmConfigId();
        }
        LlmConfigView config = configId == null ? null : snapshot.configs().get(configId);
        EffectiveConfig effective = config == null
                ? new EffectiveConfig(null, null, List.of())
                : new EffectiveConfig(source, config, FallbackChain.from(config, snapshot.configs()));
        return new Resolution(organization.id(), effective);
    }
}
