package org.llmgate.testsupport.fake;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request the {@link FakeProvider} received.
 *
 * @param provider the provider it was addressed to (openai, openai-compatible, openrouter, anthropic), or null
 * @param path     the full path with query, e.g. {@code /anthropic/v1/models?limit=1000}
 * @param headers  header names in lower case
 */
/** {@code from} is the client's address and port: one per connection, so it shows whether connections are reused. */
public record RecordedRequest(String provider, String method, String path, Map<String, List<String>> headers, String body,
                              String from) {

    /** The first value of a header (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
