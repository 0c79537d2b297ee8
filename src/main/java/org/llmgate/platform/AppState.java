package org.llmgate.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The app_state table: a few shared values every cluster instance must agree on (the generated
 * admin password hash, the configuration version that tells instances to refresh their caches).
 */
@ApplicationScoped
public class AppState {

    public static final String CONFIG_VERSION = "config_version";
    public static final String ADMIN_PASSWORD_HASH = "admin_password_hash";

    @Resource(lookup = LlmgateDataSource.JNDI_NAME)
    DataSource dataSource;

    public Optional<String> get(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT value FROM app_state WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read app_state " + name, e);
        }
    }

    /** @return true when this call stored the value, false when another instance had already. */
    public boolean insertIfAbsent(String name, String value) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO app_state(name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
            s.setString(1, name);
            s.setString(2, value);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write app_state " + name, e);
        }
    }

    public long configVersion() {
        return get(CONFIG_VERSION).map(Long::parseLong).orElse(0L);
    }
}
