package org.llmgate.chat.control;

import org.llmgate.providers.ErrorClass;

/** How one attempt ended, for the chain walk to decide what comes next. */
public sealed interface AttemptResult {

    /** The hop answered; {@code done} has been sent. */
    record Answered() implements AttemptResult {
    }

    /**
     * The hop failed. {@code afterFirstToken}: the client already has part of this answer, so no
     * fallback may follow (SPEC §5).
     */
    record Failed(ErrorClass errorClass, boolean afterFirstToken) implements AttemptResult {

        boolean fallsBack() {
            return !afterFirstToken && errorClass.fallsBack();
        }
    }

    /** The client left: nothing more is sent or called. */
    record Cancelled() implements AttemptResult {
    }

    AttemptResult ANSWERED = new Answered();
    AttemptResult CANCELLED = new Cancelled();
}
