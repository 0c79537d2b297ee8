package org.llmgate.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Applies the Liquibase changelogs (top-level liquibase/ folder, packaged in the WAR) before anything
 * touches the database. Liquibase's lock table serializes cluster instances starting together.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());
    static final String CHANGELOG = "liquibase/changelog.xml";

    @Resource(lookup = LlmgateDataSource.JNDI_NAME)
    DataSource dataSource;
    @Inject
    Settings settings;
    @Inject
    Lifecycle lifecycle;

    @PostConstruct
    void migrate() {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            StaleSchemaLock.releaseIfOlderThan(connection, settings.staleSchemaLock());
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(),
                            new ClassLoaderResourceAccessor(getClass().getClassLoader())),
                    () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                            .execute());
        } catch (Exception e) {
            throw new IllegalStateException("Database migration failed: " + e.getMessage(), e);
        }
        LOG.info(() -> "Database schema up to date in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        lifecycle.schemaMigrated();
    }
}
