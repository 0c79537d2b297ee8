package org.llmgate.platform;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * The one database. Values come from MicroProfile Config (LLMGATE_DB_URL, _USER, _PASSWORD), so the
 * same WAR runs on Payara Micro and Payara Server with no asadmin set-up; payara/run.sh points it at
 * an embedded PostgreSQL when none is given.
 *
 * <p>Every wait on the database is bounded (SPEC §10 "Faults"): a hung or unreachable server must
 * not hold a thread for minutes. The driver gives up connecting after 5 s, reading after 60 s, and
 * the server cancels a statement after 30 s; a caller waits at most 5 s for a pooled connection. A
 * pooled connection is checked before use, and after one fails the pool drops them all, so the
 * first requests after an outage do not stumble over dead connections.
 */
@DataSourceDefinition(
        name = LlmgateDataSource.JNDI_NAME,
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=llmgate.db.url}",
        user = "${MPCONFIG=llmgate.db.user}",
        password = "${MPCONFIG=llmgate.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32,
        loginTimeout = 5,
        properties = {
                "connectTimeout=5",
                "socketTimeout=60",
                "options=-c statement_timeout=30000",
                "fish.payara.max-wait-time-in-millis=5000",
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=custom-validation",
                "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation",
                "fish.payara.fail-all-connections=true"
        })
@Singleton
public class LlmgateDataSource {

    public static final String JNDI_NAME = "java:app/jdbc/llmgate";
}
