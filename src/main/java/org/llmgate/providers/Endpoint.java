package org.llmgate.providers;

import java.util.Locale;

/** The upstream APIs a chat can be sent to. OpenAI models may need one or the other (SPEC §6). */
public enum Endpoint {
    CHAT_COMPLETIONS,
    RESPONSES,
    MESSAGES;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Endpoint fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
