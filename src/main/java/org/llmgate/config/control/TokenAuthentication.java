package org.llmgate.config.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.llmgate.platform.security.BearerTokens;
import org.llmgate.platform.security.Caller;
import org.llmgate.platform.security.Passwords;

/** Who an integration token belongs to, on every API request: answered from the config cache, no query. */
@ApplicationScoped
public class TokenAuthentication implements BearerTokens {

    @Inject
    ConfigCache cache;

    @Override
    public Optional<Caller> authenticate(String token) {
        if (!token.startsWith(IntegrationTokens.PREFIX)) {
            return Optional.empty();
        }
        ConfigSnapshot.TokenGrant grant = cache.snapshot().tokensByHash().get(Passwords.sha256Hex(token));
        return grant == null ? Optional.empty()
                : Optional.of(Caller.integration(grant.tokenId(), grant.organizationId()));
    }
}
