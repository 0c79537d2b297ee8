package org.llmgate.chat.control;

import org.llmgate.providers.ErrorClass;

/** What {@link AttemptAdmission} says about one hop: it may go, or it is skipped without a call. */
public sealed interface Admission {

    record Admitted(Hop hop) implements Admission {
    }

    /**
     * Skipped: {@code errorClass} speaks SPEC §4 for the error event, {@code reason} is the short
     * word the attempt list shows (breaker_open, budget, ...), {@code detail} stays in the attempt row.
     * {@code studentMessage} is set when the student may read why (a budget's text, SPEC §11).
     */
    record Skipped(ErrorClass errorClass, String reason, String detail, String studentMessage) implements Admission {
    }
}
