package org.llmgate.platform.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.llmgate.platform.LlmgateDataSource;

/** Whether the database answers now, for the health answer (SPEC §8: {@code database: up|down}). */
@ApplicationScoped
public class DatabaseProbe {

    private static final int TIMEOUT_SECONDS = 3;

    @Resource(lookup = LlmgateDataSource.JNDI_NAME)
    DataSource dataSource;

    public boolean up() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
