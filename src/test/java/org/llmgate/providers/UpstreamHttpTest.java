package org.llmgate.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpstreamHttpTest {

    private static final List<String> PROPERTIES = List.of("jdk.httpclient.connectionPoolSize",
            "jdk.httpclient.keepalive.timeout", "jdk.httpclient.enableAllMethodRetry");
    private final Map<String, String> before = new HashMap<>();

    @BeforeEach
    void clear() {
        for (String property : PROPERTIES) {
            before.put(property, System.getProperty(property));
            System.clearProperty(property);
        }
    }

    @AfterEach
    void restore() {
        before.forEach((property, value) -> {
            if (value == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, value);
            }
        });
    }

    @Test
    void the_jdk_client_keeps_few_idle_connections_and_sends_a_chat_again_on_a_connection_found_closed() {
        UpstreamHttp.configureJdkClient();

        assertThat(System.getProperty("jdk.httpclient.connectionPoolSize")).isEqualTo(UpstreamHttp.IDLE_CONNECTIONS);
        assertThat(System.getProperty("jdk.httpclient.keepalive.timeout")).isEqualTo(UpstreamHttp.IDLE_SECONDS);
        assertThat(System.getProperty("jdk.httpclient.enableAllMethodRetry")).isEqualTo("true");
    }

    @Test
    void an_operators_own_setting_wins() {
        System.setProperty("jdk.httpclient.connectionPoolSize", "17");
        System.setProperty("jdk.httpclient.enableAllMethodRetry", "false");

        UpstreamHttp.configureJdkClient();

        assertThat(System.getProperty("jdk.httpclient.connectionPoolSize")).isEqualTo("17");
        assertThat(System.getProperty("jdk.httpclient.enableAllMethodRetry")).isEqualTo("false");
        assertThat(System.getProperty("jdk.httpclient.keepalive.timeout")).isEqualTo(UpstreamHttp.IDLE_SECONDS);
    }
}
