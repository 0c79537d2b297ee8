package org.llmgate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void the_body_limit_every_request_asks_for_is_looked_up_once() {
        AtomicInteger lookups = new AtomicInteger();
        Settings settings = Settings.of(config(lookups, Optional.of(4096L)));

        assertThat(settings.maxBodyBytes()).isEqualTo(4096L);
        assertThat(settings.maxBodyBytes()).isEqualTo(4096L);
        assertThat(settings.maxBodyBytes()).isEqualTo(4096L);
        assertThat(lookups).as("a lookup in Payara's config costs tens of microseconds").hasValue(1);
    }

    @Test
    void the_body_limit_is_one_mebibyte_unless_set() {
        assertThat(Settings.of(config(new AtomicInteger(), Optional.empty())).maxBodyBytes()).isEqualTo(1_048_576L);
    }

    private static Config config(AtomicInteger lookups, Optional<Long> maxBodyBytes) {
        return (Config) java.lang.reflect.Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getOptionalValue") && "llmgate.request.max-body-bytes".equals(args[0])) {
                        lookups.incrementAndGet();
                        return maxBodyBytes;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
