package org.llmgate.config.control;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.llmgate.config.entity.IntegrationToken;
import org.llmgate.config.entity.Organization;
import org.llmgate.platform.problem.ProblemException;
import org.llmgate.platform.security.Passwords;

/**
 * Issues and revokes an organization's integration tokens (shown once, stored hashed). Checking a
 * token is {@link TokenAuthentication}'s, off the database and outside any transaction.
 */
@Stateless
public class IntegrationTokens {

    static final String PREFIX = "lgt_";

    @PersistenceContext(unitName = "llmgate")
    EntityManager em;
    @Inject
    ConfigChanges changes;

    public record IssuedToken(Long id, String token) {
    }

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

    public void revoke(long tokenId) {
        IntegrationToken token = em.find(IntegrationToken.class, tokenId);
        if (token == null) {
            throw ProblemException.notFound("token", tokenId);
        }
        em.remove(token);
        changes.record("token");
    }
}
