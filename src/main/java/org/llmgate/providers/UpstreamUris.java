package org.llmgate.providers;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The URI of one chat path under each base URL, parsed once: {@code URI.create} per chat was 4 %
 * of the request thread's upstream call in the slow streams' profile (issue 16). Bounded like
 * {@code ScopeKey}'s memo: past {@link #MAX_BASE_URLS} the rest are parsed each time. A base URL
 * that does not parse is never kept, so it fails each time as it would without the memo.
 */
public final class UpstreamUris {

    static final int MAX_BASE_URLS = 1024;

    private final String path;
    private final Map<String, URI> byBaseUrl = new ConcurrentHashMap<>();

    /** @param path the path after the base URL, starting with a slash */
    public UpstreamUris(String path) {
        this.path = path;
    }

    /** {@code baseUrl} and the path joined with exactly one slash; IllegalArgumentException if that is no URI. */
    public URI on(String baseUrl) {
        URI known = byBaseUrl.get(baseUrl);
        if (known != null) {
            return known;
        }
        URI uri = CatalogRequests.join(baseUrl, path);
        if (byBaseUrl.size() < MAX_BASE_URLS) {
            byBaseUrl.put(baseUrl, uri);
        }
        return uri;
    }

    int size() {
        return byBaseUrl.size();
    }
}
