package org.llmgate.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** How every adapter builds its URIs from a credential's base URL. */
class CatalogRequestsTest {

    @Test
    void a_base_url_and_a_path_are_joined_with_one_slash() {
        assertThat(CatalogRequests.join("http://localhost:8080/v1/", "/chat/completions"))
                .isEqualTo(URI.create("http://localhost:8080/v1/chat/completions"));
        assertThat(CatalogRequests.join(" https://api.openai.com/v1 ", "/chat/completions"))
                .isEqualTo(URI.create("https://api.openai.com/v1/chat/completions"));
        assertThat(CatalogRequests.join("https://api.anthropic.com//", "/v1/messages"))
                .isEqualTo(URI.create("https://api.anthropic.com/v1/messages"));
    }

    @Test
    void a_base_url_that_is_no_uri_is_refused() {
        assertThatThrownBy(() -> CatalogRequests.join("http://bad host/", "/models"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
