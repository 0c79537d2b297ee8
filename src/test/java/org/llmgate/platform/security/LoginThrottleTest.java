package org.llmgate.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.llmgate.platform.Settings;

/** Failed sign-ins: 5 per address and 30 overall per minute, then 429 until the window ends. */
class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(Settings.of(emptyConfig()), clock);

    @Test
    void an_address_is_blocked_after_five_failures_until_its_window_ends() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.blockedFor("10.0.0.1")).isEmpty();
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.blockedFor("10.0.0.1")).contains(60L);
        assertThat(throttle.blockedFor("10.0.0.2")).as("another address").isEmpty();
        clock.advance(Duration.ofSeconds(45));
        assertThat(throttle.blockedFor("10.0.0.1")).contains(15L);
        clock.advance(Duration.ofSeconds(15));
        assertThat(throttle.blockedFor("10.0.0.1")).isEmpty();
    }

    @Test
    void many_addresses_together_are_blocked_overall() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("10.0.1." + i);
        }
        assertThat(throttle.blockedFor("192.168.7.7")).isPresent();
        clock.advance(Duration.ofSeconds(61));
        assertThat(throttle.blockedFor("192.168.7.7")).isEmpty();
    }

    @Test
    void a_success_clears_the_address() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.0.3");
        }
        throttle.succeeded("10.0.0.3");
        throttle.failed("10.0.0.3");
        assertThat(throttle.blockedFor("10.0.0.3")).isEmpty();
    }

    /** No setting configured: every default applies. */
    private static Config emptyConfig() {
        return (Config) java.lang.reflect.Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getOptionalValue")) {
                        return java.util.Optional.empty();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-30T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
