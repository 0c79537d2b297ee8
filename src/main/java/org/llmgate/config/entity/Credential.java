package org.llmgate.config.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A provider key of an organization. Only the AES-GCM ciphertext and the last four characters are
 * stored; there is deliberately no getter that returns the key in clear.
 */
@Entity
@Table(name = "credentials")
public class Credential {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "organization_id", nullable = false)
    private Long organizationId;

    @Column(nullable = false)
    private String provider;

    @Column(nullable = false)
    private String label;

    @Column(name = "api_key_encrypted")
    private String apiKeyEncrypted;

    @Column(name = "key_hint")
    private String keyHint;

    @Column(name = "base_url")
    private String baseUrl;

    @Column(name = "requests_per_minute")
    private Integer requestsPerMinute;

    @Column(name = "tokens_per_minute")
    private Integer tokensPerMinute;

    public Long getId() {
        return id;
    }

    public Long getOrganizationId() {
        return organizationId;
    }

    public void setOrganizationId(Long organizationId) {
        this.organizationId = organizationId;
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public String getApiKeyEncrypted() {
        return apiKeyEncrypted;
    }

    public void setApiKeyEncrypted(String apiKeyEncrypted, String keyHint) {
        this.apiKeyEncrypted = apiKeyEncrypted;
        this.keyHint = keyHint;
    }

    public String getKeyHint() {
        return keyHint;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Integer getRequestsPerMinute() {
        return requestsPerMinute;
    }

    public void setRequestsPerMinute(Integer requestsPerMinute) {
        this.requestsPerMinute = requestsPerMinute;
    }

    public Integer getTokensPerMinute() {
        return tokensPerMinute;
    }

    public void setTokensPerMinute(Integer tokensPerMinute) {
        this.tokensPerMinute = tokensPerMinute;
    }
}
