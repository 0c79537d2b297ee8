package org.llmgate.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.llmgate.platform.problem.ProblemException;

class JsonRequestBodyTest {

    static final long LIMIT = 64;

    /** A request whose body is {@code bytes} and whose Content-Length is {@code declared} (-1: none, chunked). */
    static HttpServletRequest request(byte[] bytes, long declared) {
        ByteArrayInputStream data = new ByteArrayInputStream(bytes);
        ServletInputStream in = new ServletInputStream() {
            @Override
            public int read() {
                return data.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return data.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return data.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        return (HttpServletRequest) Proxy.newProxyInstance(JsonRequestBodyTest.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getInputStream" -> in;
                    case "getContentLengthLong" -> declared;
                    case "getContentLength" -> (int) declared;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_body_of_declared_length_is_read_whole_with_its_multibyte_characters() throws Exception {
        byte[] body = utf8("{\"messages\":[{\"content\":\"Grüße, 你好\"}]}");

        assertThat(JsonRequestBody.read(request(body, body.length), LIMIT)).isEqualTo("{\"messages\":[{\"content\":\"Grüße, 你好\"}]}");
    }

    @Test
    void a_body_cut_short_of_its_declared_length_is_what_arrived() throws Exception {
        byte[] body = utf8("{\"model\":");

        assertThat(JsonRequestBody.read(request(body, body.length + 10), LIMIT)).isEqualTo("{\"model\":");
    }

    @Test
    void an_empty_body_is_empty_text() throws Exception {
        assertThat(JsonRequestBody.read(request(new byte[0], 0), LIMIT)).isEmpty();
    }

    @Test
    void a_chunked_body_is_read_up_to_the_limit_and_one_over_it_is_413() throws Exception {
        byte[] atLimit = utf8("{\"a\":\"" + "x".repeat((int) LIMIT - 8) + "\"}");
        assertThat(atLimit).hasSize((int) LIMIT);
        assertThat(JsonRequestBody.read(request(atLimit, -1), LIMIT)).hasSize((int) LIMIT);

        byte[] over = utf8("{\"a\":\"" + "x".repeat((int) LIMIT - 7) + "\"}");
        assertThatThrownBy(() -> JsonRequestBody.read(request(over, -1), LIMIT))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(413));
    }
}
