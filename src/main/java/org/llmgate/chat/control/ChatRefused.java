package org.llmgate.chat.control;

import java.util.List;
import org.llmgate.platform.problem.ProblemException;

/** A chat refused before its stream opened, with the Retry-After a client should honour. */
public class ChatRefused extends ProblemException {

    private final int retryAfterSeconds;

    private ChatRefused(int status, String title, String detail, int retryAfterSeconds) {
        super(status, title, detail, List.of());
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static ChatRefused tooMany(int limit, int retryAfterSeconds) {
        return new ChatRefused(429, "Too many open chats",
                "this organization already has " + limit + " chats open; retry when one has ended", retryAfterSeconds);
    }

    static ChatRefused draining(int retryAfterSeconds) {
        return new ChatRefused(503, "Shutting down",
                "this server is stopping; retry on another instance or after the restart", retryAfterSeconds);
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
