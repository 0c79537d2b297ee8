package org.llmgate.config.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Records that the configuration changed: bumps the shared version (other cluster instances see it
 * and reload) and tells this instance's cache once the transaction commits.
 */
@ApplicationScoped
public class ConfigChanges {

    @PersistenceContext(unitName = "llmgate")
    EntityManager em;

    @Inject
    Event<ConfigChanged> changed;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String what) {
        em.flush();
        em.createNativeQuery("UPDATE app_state SET value = CAST(CAST(value AS bigint) + 1 AS text) WHERE name = 'config_version'")
                .executeUpdate();
        changed.fire(new ConfigChanged(what));
    }
}
