package org.llmgate.config.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.File;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.eclipse.microprofile.config.ConfigProvider;
import org.llmgate.platform.JsonFields;
import org.llmgate.platform.Settings;

/**
 * In the container, against PostgreSQL: an API key is stored only as AES-GCM ciphertext (SPEC §2),
 * the configuration cache decrypts it for the relay, and nothing else keeps it in clear.
 */
@ExtendWith(ArquillianExtension.class)
class CredentialEncryptionIT {

    static final String KEY = "sk-test-arquillian-0123456789abcdefQRST";

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("llmgate.war", "target/llmgate.war")))
                .addClasses(CredentialEncryptionIT.class, KeyCipherTest.class);
    }

    @Inject
    Organizations organizations;
    @Inject
    Credentials credentials;
    @Inject
    ConfigCache cache;
    @Inject
    KeyVault vault;
    @PersistenceContext(unitName = "llmgate")
    EntityManager em;

    @Test
    void an_api_key_is_stored_encrypted_and_decrypted_only_in_memory() {
        long org = organizations.create(JsonFields.parse("{\"name\": \"Arquillian University\"}")).id();
        CredentialView created = credentials.create(JsonFields.parse("{\"organizationId\": " + org
                + ", \"provider\": \"openai\", \"apiKey\": \"" + KEY + "\", \"baseUrl\": \"http://127.0.0.1:9/v1\"}"));

        String stored = (String) em.createNativeQuery("SELECT api_key_encrypted FROM credentials WHERE id = ?1")
                .setParameter(1, created.id()).getSingleResult();
        String hint = (String) em.createNativeQuery("SELECT key_hint FROM credentials WHERE id = ?1")
                .setParameter(1, created.id()).getSingleResult();

        assertNotNull(stored);
        assertFalse(stored.contains("arquillian"), "ciphertext must not contain the key");
        assertEquals("QRST", hint);
        assertEquals(KEY, vault.decrypt(created.id(), stored));
        assertThrows(IllegalStateException.class, () -> vault.decrypt(created.id() + 1, stored),
                "a ciphertext moved to another credential's row does not decrypt");
        assertFalse(vault.encrypt(created.id(), KEY).equals(stored), "a fresh IV per encryption");
        assertEquals(KEY, cache.snapshot().credentials().get(created.id()).apiKey());
        assertFalse(cache.snapshot().credentials().get(created.id()).toString().contains(KEY));
        assertFalse(created.toString().contains(KEY));
    }

    @jakarta.annotation.Resource(lookup = org.llmgate.platform.LlmgateDataSource.JNDI_NAME)
    javax.sql.DataSource dataSource;

    @Test
    void a_key_stored_by_an_earlier_release_is_re_encrypted_in_place_by_the_migration() throws Exception {
        long organization = organizations.create(JsonFields.parse("{\"name\": \"Upgrade University\"}")).id();
        long id = credentials.create(JsonFields.parse("{\"organizationId\": " + organization
                + ", \"provider\": \"openai\", \"apiKey\": \"placeholder-key\", \"baseUrl\": \"http://127.0.0.1:9/v1\"}")).id();
        Settings settings = Settings.of(ConfigProvider.getConfig());
        String master = KeyVault.masterKey(settings.masterKey(), settings.dataDir());
        try (java.sql.Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (var st = c.prepareStatement("UPDATE credentials SET api_key_encrypted = ? WHERE id = ?")) {
                st.setString(1, KeyCipherTest.legacyEncrypt(master, KEY));
                st.setLong(2, id);
                st.executeUpdate();
            }
            new KeyVaultUpgrade().execute(liquibase.database.DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new liquibase.database.jvm.JdbcConnection(c)));
            c.commit();
        }
        String stored = (String) em.createNativeQuery("SELECT api_key_encrypted FROM credentials WHERE id = ?1")
                .setParameter(1, id).getSingleResult();
        assertTrue(KeyCipher.isCurrent(stored), "re-encrypted to v2");
        assertEquals(KEY, vault.decrypt(id, stored));
    }
}
