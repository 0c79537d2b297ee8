package org.llmgate.platform.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One log line when a writer finds the database gone, a reminder now and then, and one when it is
 * back: a writer retrying every 200 ms must not fill the log with a warning per try.
 */
public final class OutageLog {

    private static final Duration REMINDER = Duration.ofMinutes(1);

    private final Logger log;
    private final String writer;
    private Instant since;
    private Instant lastLogged;

    public OutageLog(Logger log, String writer) {
        this.log = log;
        this.writer = writer;
    }

    public synchronized void unavailable(Supplier<String> waiting) {
        Instant now = Instant.now();
        if (since == null) {
            since = now;
            lastLogged = now;
            log.log(Level.WARNING, "Database unavailable; the " + writer + " keeps " + waiting.get() + " and retries");
        } else if (now.isAfter(lastLogged.plus(REMINDER))) {
            lastLogged = now;
            log.log(Level.WARNING, "Database still unavailable since " + since + "; the " + writer + " keeps " + waiting.get());
        }
    }

    public synchronized void written() {
        if (since != null) {
            log.log(Level.INFO, "Database back; the " + writer + " wrote what waited since " + since);
            since = null;
        }
    }
}
