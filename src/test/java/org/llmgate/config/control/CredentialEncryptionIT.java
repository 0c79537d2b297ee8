package org.llmgate.config.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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
import org.llmgate.platform.JsonFields;

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
                .addClass(CredentialEncryptionIT.class);
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
        assertEquals(KEY, vault.decrypt(stored));
        assertFalse(vault.encrypt(KEY).equals(stored), "a fresh IV per encryption");
        assertEquals(KEY, cache.snapshot().credentials().get(created.id()).apiKey());
        assertFalse(cache.snapshot().credentials().get(created.id()).toString().contains(KEY));
        assertFalse(created.toString().contains(KEY));
    }
}
