package org.llmgate.config.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An LMS's Bearer token for one organization; only its SHA-256 is stored. */
@Entity
@Table(name = "integration_tokens")
public class IntegrationToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "organization_id", nullable = false)
    private Long organizationId;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    protected IntegrationToken() {
    }

    public IntegrationToken(Long organizationId, String tokenHash) {
        this.organizationId = organizationId;
        this.tokenHash = tokenHash;
    }

    public Long getId() {
        return id;
    }

    public Long getOrganizationId() {
        return organizationId;
    }

    public String getTokenHash() {
        return tokenHash;
    }
}
