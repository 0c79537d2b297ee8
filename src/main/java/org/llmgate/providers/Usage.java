package org.llmgate.providers;

/** Token counts as the provider reported them; zero when it reported none. */
public record Usage(long inputTokens, long outputTokens) {

    public static final Usage NONE = new Usage(0, 0);
}
