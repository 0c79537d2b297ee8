package org.llmgate.resilience;

import java.util.Locale;

/**
 * What a failure says is broken (SPEC §5). The scope decides which later hops a failure blocks:
 * a dead key blocks every model on it, an empty balance only the paid ones.
 */
public enum FailureScope {
    /** Provider + credential: every model on the key (bad or revoked key). */
    CREDENTIAL,
    /** Provider + credential, paid models only: an out-of-credit key still serves free models. */
    CREDIT,
    /** The base URL: nothing answers there, whatever the key or model. */
    ENDPOINT,
    /** Provider + credential + model: this model on this key. */
    MODEL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FailureScope fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
