package org.llmgate.resilience;

import java.time.Duration;

/** Short human text for cooldowns in breaker reasons ("30s", "15m", "1h 30m"). */
final class Durations {

    private Durations() {
    }

    static String human(Duration d) {
        long s = Math.max(0, (d.toMillis() + 999) / 1000);
        if (s < 60) {
            return s + "s";
        }
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long rest = s % 60;
        StringBuilder text = new StringBuilder();
        if (h > 0) {
            text.append(h).append('h');
        }
        if (m > 0) {
            text.append(text.length() > 0 ? " " : "").append(m).append('m');
        }
        if (rest > 0) {
            text.append(text.length() > 0 ? " " : "").append(rest).append('s');
        }
        return text.toString();
    }
}
