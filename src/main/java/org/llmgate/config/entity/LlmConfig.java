package org.llmgate.config.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** A model on a credential with its parameters, and the config to fall back to when it fails. */
@Entity
@Table(name = "llm_configs")
public class LlmConfig {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "organization_id", nullable = false)
    private Long organizationId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String provider;

    @Column(name = "credential_id", nullable = false)
    private Long credentialId;

    @Column(nullable = false)
    private String model;

    @Column(name = "fallback_llm_config_id")
    private Long fallbackConfigId;

    private Double temperature;

    @Column(name = "max_output_tokens")
    private Integer maxOutputTokens;

    @Column(name = "input_cents_per_million")
    private BigDecimal inputCentsPerMillion;

    @Column(name = "output_cents_per_million")
    private BigDecimal outputCentsPerMillion;

    @Column(name = "context_window")
    private Integer contextWindow;

    public Long getId() {
        return id;
    }

    public Long getOrganizationId() {
        return organizationId;
    }

    public void setOrganizationId(Long organizationId) {
        this.organizationId = organizationId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public Long getCredentialId() {
        return credentialId;
    }

    public void setCredentialId(Long credentialId) {
        this.credentialId = credentialId;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public Long getFallbackConfigId() {
        return fallbackConfigId;
    }

    public void setFallbackConfigId(Long fallbackConfigId) {
        this.fallbackConfigId = fallbackConfigId;
    }

    public Double getTemperature() {
        return temperature;
    }

    public void setTemperature(Double temperature) {
        this.temperature = temperature;
    }

    public Integer getMaxOutputTokens() {
        return maxOutputTokens;
    }

    public void setMaxOutputTokens(Integer maxOutputTokens) {
        this.maxOutputTokens = maxOutputTokens;
    }

    public BigDecimal getInputCentsPerMillion() {
        return inputCentsPerMillion;
    }

    public void setInputCentsPerMillion(BigDecimal inputCentsPerMillion) {
        this.inputCentsPerMillion = inputCentsPerMillion;
    }

    public BigDecimal getOutputCentsPerMillion() {
        return outputCentsPerMillion;
    }

    public void setOutputCentsPerMillion(BigDecimal outputCentsPerMillion) {
        this.outputCentsPerMillion = outputCentsPerMillion;
    }

    public Integer getContextWindow() {
        return contextWindow;
    }

    public void setContextWindow(Integer contextWindow) {
        this.contextWindow = contextWindow;
    }
}
