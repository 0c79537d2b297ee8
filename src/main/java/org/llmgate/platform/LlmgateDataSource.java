package org.llmgate.platform;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * The one database. Values come from MicroProfile Config (LLMGATE_DB_URL, _USER, _PASSWORD), so the
 * same WAR runs on Payara Micro and Payara Server with no asadmin set-up; payara/run.sh points it at
 * an embedded PostgreSQL when none is given.
 */
@DataSourceDefinition(
        name = LlmgateDataSource.JNDI_NAME,
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=llmgate.db.url}",
        user = "${MPCONFIG=llmgate.db.user}",
        password = "${MPCONFIG=llmgate.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32)
@Singleton
public class LlmgateDataSource {

    public static final String JNDI_NAME = "java:app/jdbc/llmgate";
}
