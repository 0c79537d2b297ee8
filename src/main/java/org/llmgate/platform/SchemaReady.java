package org.llmgate.platform;

/**
 * Fired once per deployment, synchronously, after the schema is migrated: each feature observes it
 * to restore its state and start its background work, so platform starts what it does not know.
 * Observers run in {@link StartupSequence}'s EJB start-up context, which their periodic tasks and
 * their {@code @Resource} injection need; when {@code fire} returns, all of them have run.
 */
public record SchemaReady() {
}
