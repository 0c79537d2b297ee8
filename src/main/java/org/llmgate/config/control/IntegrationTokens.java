package org.llmgate.config.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.llmgate.config.entity.IntegrationToken;
import org.llmgate.config.entity.Organization;
import org.llmgate.platform.problem.ProblemException;
import org.llmgate.platform.security.BearerTokens;
import org.llmgate.platform.security.Caller;
import org.llmgate.platform.security.Passwords;

/** Issues, revokes and checks an organization's integration tokens (shown once, stored hashed). */
@ApplicationScoped
public class IntegrationTokens implements BearerTokens {

    static final String PREFIX = "lgt_";

    @PersistenceContext(unitName = "llmgate")
    EntityManager em;
    @Inject
    ConfigCache cache;
    @Inject
    ConfigChanges changes;

    public record IssuedToken(Long id, String token) {
    }

    @Transactional
    public IssuedToken issue(long organizationId) {
        if (em.find(Organization.class, organizationId) == null) {
            throw ProblemException.notFound("organization", organizationId);
        }
        String token = PREFIX + Passwords.randomToken(32);
        IntegrationToken entity = new IntegrationToken(organizationId, Passwords.sha256Hex(token));
        em.persist(entity);
        changes.record("token");
        return new IssuedToken(entity.getId(), token);
    }

    @Transactional
    public void revoke(long tokenId) {
        IntegrationToken token = em.find(IntegrationToken.class, tokenId);
        if (token == null) {
            throw ProblemException.notFound("token", tokenId);
        }
        em.remove(token);
        changes.record("token");
    }

    /** Answered from the config cache: no database query per chat request. */
    @Override
    public Optional<Caller> authenticate(String token) {
        if (!token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        ConfigSnapshot.TokenGrant grant = cache.snapshot().tokensByHash().get(Passwords.sha256Hex(token));
        return grant == null ? Optional.empty()
                : Optional.of(Caller.integration(grant.tokenId(), grant.organizationId()));
    }
}
