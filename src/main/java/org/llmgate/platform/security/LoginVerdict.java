package org.llmgate.platform.security;

/** The answer to a sign-in: accepted, refused, or not even tried because of too many failures. */
public record LoginVerdict(boolean accepted, long retryAfterSeconds) {

    static final LoginVerdict ACCEPTED = new LoginVerdict(true, 0);
    static final LoginVerdict REFUSED = new LoginVerdict(false, 0);

    static LoginVerdict throttled(long retryAfterSeconds) {
        return new LoginVerdict(false, retryAfterSeconds);
    }

    public boolean throttled() {
        return retryAfterSeconds > 0;
    }
}
