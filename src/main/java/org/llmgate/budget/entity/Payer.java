package org.llmgate.budget.entity;

/**
 * Who a chat is paid for: its organization, course and homework (null when the chat named a higher
 * level) and the student the LMS named ({@code ""}, the shared student, when it named none).
 */
public record Payer(long organizationId, Long courseId, Long homeworkId, String user) {

    public static final String SHARED_STUDENT = "";

    public Payer {
        user = user == null ? SHARED_STUDENT : user;
    }
}
