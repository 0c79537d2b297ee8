package org.llmgate.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.llmgate.platform.Settings;

/**
 * Limits failed admin sign-ins (Basic or form) per client address and overall, in fixed windows.
 * It is asked before any password hashing: PBKDF2 costs ~140 ms of CPU, so unthrottled guesses
 * would keep both cores of a small server busy (issue 10).
 *
 * <p>The map of addresses stays small: an address enters it only by a failure that passed the
 * overall limit, so at most that many addresses a window, and expired windows are purged.
 */
@ApplicationScoped
public class LoginThrottle {

    private record Window(long startMillis, int failures) {
    }

    private final Map<String, Window> byAddress = new ConcurrentHashMap<>();
    private volatile Window overall = new Window(0, 0);
    private Clock clock = Clock.systemUTC();

    @Inject
    Settings settings;

    LoginThrottle() {
    }

    /** For unit tests: fixed limits and a clock of the test's. */
    LoginThrottle(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Seconds to wait, when this address (or everyone) has failed too often in the current window. */
    public Optional<Long> blockedFor(String address) {
        long now = clock.millis();
        long window = windowMillis();
        Window mine = byAddress.get(address);
        if (mine != null && now - mine.startMillis() < window && mine.failures() >= settings.loginMaxFailuresPerAddress()) {
            return Optional.of(retryAfter(mine, now, window));
        }
        Window all = overall;
        if (now - all.startMillis() < window && all.failures() >= settings.loginMaxFailuresOverall()) {
            return Optional.of(retryAfter(all, now, window));
        }
        return Optional.empty();
    }

    public void failed(String address) {
        long now = clock.millis();
        long window = windowMillis();
        byAddress.compute(address, (a, w) -> w == null || now - w.startMillis() >= window
                ? new Window(now, 1) : new Window(w.startMillis(), w.failures() + 1));
        synchronized (this) {
            Window all = overall;
            overall = now - all.startMillis() >= window ? new Window(now, 1) : new Window(all.startMillis(), all.failures() + 1);
        }
        if (byAddress.size() > 1_000) {
            byAddress.values().removeIf(w -> now - w.startMillis() >= window);
        }
    }

    public void succeeded(String address) {
        byAddress.remove(address);
    }

    private long windowMillis() {
        return settings.loginFailureWindow().toMillis();
    }

    private static long retryAfter(Window w, long now, long window) {
        return Math.max(1, (w.startMillis() + window - now + 999) / 1000);
    }
}
