package org.llmgate.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;

import org.junit.jupiter.api.Test;

/** SPEC §10: the session cookie is HttpOnly and SameSite=Lax, and Secure when the request came over HTTPS. */
class AdminSessionTest {

    @Test
    void the_cookie_is_secure_only_over_https() {
        assertThat(AdminSession.sessionCookie(request(false), "abc"))
                .isEqualTo("JSESSIONID=abc; Path=/llmgate; HttpOnly; SameSite=Lax");
        assertThat(AdminSession.sessionCookie(request(true), "abc"))
                .isEqualTo("JSESSIONID=abc; Path=/llmgate; HttpOnly; SameSite=Lax; Secure");
    }

    @Test
    void basic_credentials_are_parsed_and_never_printed() {
        String header = "Basic " + java.util.Base64.getEncoder().encodeToString("admin:s3:cret".getBytes());
        assertThat(BasicCredentials.parse(header)).contains(new BasicCredentials("admin", "s3:cret"));
        assertThat(BasicCredentials.parse(header).orElseThrow().toString()).doesNotContain("s3:cret");
        assertThat(BasicCredentials.parse("Basic !!!")).isEmpty();
        assertThat(BasicCredentials.parse("Basic " + java.util.Base64.getEncoder().encodeToString("nocolon".getBytes()))).isEmpty();
        assertThat(BasicCredentials.parse("Bearer x")).isEmpty();
    }

    private static HttpServletRequest request(boolean secure) {
        SessionCookieConfig cookies = proxy(SessionCookieConfig.class, name -> null);
        ServletContext context = proxy(ServletContext.class, name -> name.equals("getSessionCookieConfig") ? cookies : null);
        return proxy(HttpServletRequest.class, name -> switch (name) {
            case "getServletContext" -> context;
            case "getContextPath" -> "/llmgate";
            case "isSecure" -> secure;
            default -> throw new UnsupportedOperationException(name);
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, java.util.function.Function<String, Object> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> answers.apply(method.getName()));
    }
}
