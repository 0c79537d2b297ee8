package org.llmgate.platform.security;

import java.util.Optional;

/**
 * Who a Bearer token belongs to. {@link AuthFilter} asks; the feature that issues the tokens
 * (organizations' integration tokens, in config) answers, so security depends on no feature.
 */
public interface BearerTokens {

    /** The token's caller, or empty when it is unknown or revoked; answered without a database query per request. */
    Optional<Caller> authenticate(String token);
}
