package org.llmgate.platform.security;

/** What {@link RestAuthentication} decided about one call: who it is, or the refusal to answer with. */
public sealed interface SignIn {

    record Accepted(Caller caller) implements SignIn {
    }

    /**
     * A refusal: 401 (with a Basic challenge unless the call came from a screen whose session
     * ended, where the browser would pop up a password dialog) or 429 while sign-ins are throttled.
     */
    record Refused(int status, String detail, String header, String headerValue) implements SignIn {
    }
}
