package org.llmgate.config.control;

import java.util.Locale;
import java.util.Optional;

/** What a chat is for: a homework, a course or a whole organization. */
public record ChatTarget(Kind kind, long id) {

    public enum Kind {
        HOMEWORK, COURSE, ORGANIZATION;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Parses the OpenAI-compatible model name: homework:12, course:3, organization:1. */
    public static Optional<ChatTarget> parse(String model) {
        if (model == null) {
            return Optional.empty();
        }
        int colon = model.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        try {
            Kind kind = Kind.valueOf(model.substring(0, colon).trim().toUpperCase(Locale.ROOT));
            long id = Long.parseLong(model.substring(colon + 1).trim());
            return id > 0 ? Optional.of(new ChatTarget(kind, id)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return kind.wireName() + ":" + id;
    }
}
