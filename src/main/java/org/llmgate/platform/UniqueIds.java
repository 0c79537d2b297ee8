package org.llmgate.platform;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids for chats and their answers, unique across processes without a {@link SecureRandom} read per
 * chat. {@code UUID.randomUUID()} reads the system's random source under a JVM-wide lock: two of
 * them were 3 % of a chat's request thread while 2,000 streams opened at once (issue 16). Here a
 * process draws 64 random bits once, and each id adds a counter scrambled by a bijection, so ids
 * never repeat within a process and look random. They are names, not secrets: nothing is granted
 * to whoever knows one.
 */
public final class UniqueIds {

    private static final String PROCESS = hex(new SecureRandom().nextLong());
    private static final AtomicLong COUNTER = new AtomicLong();

    private UniqueIds() {
    }

    /** 32 lowercase hex digits: this process's prefix, then the scrambled counter. */
    public static String next() {
        return PROCESS + hex(scramble(COUNTER.incrementAndGet()));
    }

    /** SplitMix64's finalizer: a bijection on 64 bits, so distinct counters give distinct ids. */
    static long scramble(long n) {
        long z = n;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static String hex(long bits) {
        String digits = Long.toHexString(bits);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
