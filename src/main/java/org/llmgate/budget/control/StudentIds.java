package org.llmgate.budget.control;

import org.llmgate.platform.problem.ProblemException;

/** SPEC §11: a student id is opaque to llmgate, 1–128 printable characters chosen by the LMS. */
public final class StudentIds {

    public static final int MAX_LENGTH = 128;

    private StudentIds() {
    }

    /** @return null when {@code id} is acceptable, else why not */
    public static String problem(String id) {
        if (id.isEmpty() || id.codePointCount(0, id.length()) > MAX_LENGTH) {
            return "must be 1 to " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < id.length(); ) {
            int c = id.codePointAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED
                    || type == Character.SURROGATE || type == Character.PRIVATE_USE) {
                return "must be printable characters only";
            }
            i += Character.charCount(c);
        }
        return null;
    }

    public static void check(String field, String id) {
        String problem = problem(id);
        if (problem != null) {
            throw ProblemException.invalidField(field, problem);
        }
    }
}
