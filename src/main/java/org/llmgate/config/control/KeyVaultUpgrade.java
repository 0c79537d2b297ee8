package org.llmgate.config.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;
import org.eclipse.microprofile.config.ConfigProvider;
import org.llmgate.platform.Settings;

/**
 * Liquibase change set 003: re-encrypts every API key stored in the version 1 format (SHA-256 of
 * the master key, one constant AAD) into version 2 (PBKDF2, bound to the credential's id; see
 * {@link KeyCipher}). It runs once, inside the migration's transaction, so a failed start leaves
 * the old ciphertexts untouched and nothing is lost.
 */
public class KeyVaultUpgrade implements CustomTaskChange {

    private static final Logger LOG = Logger.getLogger(KeyVaultUpgrade.class.getName());
    private int upgraded;

    @Override
    public void execute(Database database) throws CustomChangeException {
        Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
        try {
            Map<Long, String> legacy = legacyRows(connection);
            if (legacy.isEmpty()) {
                return;
            }
            Settings settings = Settings.of(ConfigProvider.getConfig());
            KeyCipher cipher = new KeyCipher(KeyVault.masterKey(settings.masterKey(), settings.dataDir()));
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE credentials SET api_key_encrypted = ? WHERE id = ?")) {
                for (Map.Entry<Long, String> row : legacy.entrySet()) {
                    String plain = cipher.decrypt(row.getKey(), row.getValue());
                    update.setString(1, cipher.encrypt(row.getKey(), plain));
                    update.setLong(2, row.getKey());
                    update.addBatch();
                }
                update.executeBatch();
            }
            upgraded = legacy.size();
            LOG.info(() -> "Key vault: " + upgraded + " stored API key(s) re-encrypted to format v2");
        } catch (SQLException | IllegalStateException e) {
            // the message never holds key material (KeyCipher attaches no cause)
            throw new CustomChangeException("Re-encrypting stored API keys failed: " + e.getMessage());
        }
    }

    private static Map<Long, String> legacyRows(Connection connection) throws SQLException {
        Map<Long, String> rows = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, api_key_encrypted FROM credentials WHERE api_key_encrypted IS NOT NULL ORDER BY id");
             ResultSet result = select.executeQuery()) {
            while (result.next()) {
                String stored = result.getString(2);
                if (!KeyCipher.isCurrent(stored)) {
                    rows.put(result.getLong(1), stored);
                }
            }
        }
        return rows;
    }

    @Override
    public String getConfirmationMessage() {
        return "Re-encrypted " + upgraded + " API key(s) to key vault format v2";
    }

    @Override
    public void setUp() {
    }

    @Override
    public void setFileOpener(ResourceAccessor resourceAccessor) {
    }

    @Override
    public ValidationErrors validate(Database database) {
        return new ValidationErrors();
    }
}
