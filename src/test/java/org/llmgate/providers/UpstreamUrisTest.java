package org.llmgate.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UpstreamUrisTest {

    @Test
    void joinsWithOneSlashAndParsesEachBaseUrlOnce() {
        UpstreamUris uris = new UpstreamUris("/chat/completions");

        URI first = uris.on("http://localhost:8080/v1/");
        assertEquals(URI.create("http://localhost:8080/v1/chat/completions"), first);
        assertSame(first, uris.on("http://localhost:8080/v1/"));
        assertEquals(URI.create("https://api.openai.com/v1/chat/completions"), uris.on(" https://api.openai.com/v1 "));
        assertEquals(2, uris.size());
    }

    @Test
    void aBaseUrlThatIsNoUriFailsEveryTimeAndIsNotKept() {
        UpstreamUris uris = new UpstreamUris("/v1/messages");

        assertThrows(IllegalArgumentException.class, () -> uris.on("http://bad host/"));
        assertThrows(IllegalArgumentException.class, () -> uris.on("http://bad host/"));
        assertEquals(0, uris.size());
    }

    @Test
    void keepsAtMostItsBoundAndStillAnswersPastIt() {
        UpstreamUris uris = new UpstreamUris("/models");
        for (int i = 0; i < UpstreamUris.MAX_BASE_URLS + 10; i++) {
            assertEquals(URI.create("http://host" + i + "/v1/models"), uris.on("http://host" + i + "/v1"));
        }
        assertEquals(UpstreamUris.MAX_BASE_URLS, uris.size());
    }
}
