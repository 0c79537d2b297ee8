package org.llmgate.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.llmgate.web.ScreenPaths.Access.PUBLIC;
import static org.llmgate.web.ScreenPaths.Access.SELF_AUTHENTICATING;
import static org.llmgate.web.ScreenPaths.Access.SIGNED_IN;

import org.junit.jupiter.api.Test;

/** The screens' allow-list decides on the dispatched path and distrusts odd spellings (issue 10). */
class ScreenPathsTest {

    @Test
    void the_login_page_and_faces_resources_are_public() {
        assertThat(ScreenPaths.classify("/login.xhtml", "/login.xhtml", null)).isEqualTo(PUBLIC);
        assertThat(ScreenPaths.classify("/jakarta.faces.resource/theme.css.xhtml", "/jakarta.faces.resource/theme.css.xhtml", null))
                .isEqualTo(PUBLIC);
    }

    @Test
    void pages_need_a_session() {
        assertThat(ScreenPaths.classify("/credentials.xhtml", "/credentials.xhtml", null)).isEqualTo(SIGNED_IN);
        assertThat(ScreenPaths.classify("/CREDENTIALS.XHTML", "/CREDENTIALS.XHTML", null)).isEqualTo(SIGNED_IN);
        assertThat(ScreenPaths.classify("/resources/llmgate/app.css", "/resources/llmgate/app.css", null)).isEqualTo(SIGNED_IN);
        assertThat(ScreenPaths.classify("/jakarta.faces.resource/", "/jakarta.faces.resource/", null)).isEqualTo(SIGNED_IN);
    }

    @Test
    void a_spelling_that_normalises_to_a_public_path_is_not_public() {
        // the container dispatches these to the login page or a resource; as sent, they are something else
        assertThat(ScreenPaths.classify("/login.xhtml;x=1", "/login.xhtml", null)).isEqualTo(SIGNED_IN);
        assertThat(ScreenPaths.classify("/x/../login.xhtml", "/login.xhtml", null)).isEqualTo(SIGNED_IN);
        assertThat(ScreenPaths.classify("/%6cogin.xhtml", "/login.xhtml", null)).isEqualTo(SIGNED_IN);
        assertThat(ScreenPaths.classify("/jakarta.faces.resource/../health.xhtml", "/health.xhtml", null)).isEqualTo(SIGNED_IN);
        assertThat(ScreenPaths.classify("/jakarta.faces.resource/%2e%2e/health.xhtml", "/jakarta.faces.resource/../health.xhtml", null))
                .isEqualTo(SIGNED_IN);
        assertThat(ScreenPaths.classify("//login.xhtml", "/login.xhtml", null)).isEqualTo(SIGNED_IN);
    }

    @Test
    void the_rest_api_is_left_to_its_own_authentication_whatever_the_spelling() {
        assertThat(ScreenPaths.classify("/api/admin/credentials", "/api", "/admin/credentials")).isEqualTo(SELF_AUTHENTICATING);
        assertThat(ScreenPaths.classify("/api;x=1/admin/credentials", "/api", "/admin/credentials")).isEqualTo(SELF_AUTHENTICATING);
        // the chat endpoints are servlets mapped exactly (issue 16): their servlet path is the whole path
        assertThat(ScreenPaths.classify("/api/chat", "/api/chat", null)).isEqualTo(SELF_AUTHENTICATING);
        assertThat(ScreenPaths.classify("/api/v1/chat/completions", "/api/v1/chat/completions", null)).isEqualTo(SELF_AUTHENTICATING);
        assertThat(ScreenPaths.classify("/apix/chat", "/apix/chat", null)).isEqualTo(SIGNED_IN);
    }

    @Test
    void unusual_spellings_are_recognised_in_any_case() {
        for (String path : new String[] {"/a;b", "/a%2E%2e/b", "/a%2Fb", "/a%5cb", "/a\\b", "//a", "/./a", "/a/../b", "/a/..", "/a%00"}) {
            assertThat(ScreenPaths.unusualSpelling(path)).as(path).isTrue();
        }
        assertThat(ScreenPaths.unusualSpelling("/jakarta.faces.resource/theme.css.xhtml")).isFalse();
    }
}
