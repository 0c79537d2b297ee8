package org.llmgate.config.control;

import java.math.BigDecimal;
import org.llmgate.config.entity.LlmConfig;

public record LlmConfigView(Long id, Long organizationId, String name, String provider, Long credentialId,
                            String model, Long fallbackConfigId, Double temperature, Integer maxOutputTokens,
                            BigDecimal inputCentsPerMillion, BigDecimal outputCentsPerMillion,
                            Integer contextWindow) implements CrudService.Identified {

    public static LlmConfigView of(LlmConfig c) {
        return new LlmConfigView(c.getId(), c.getOrganizationId(), c.getName(), c.getProvider(), c.getCredentialId(),
                c.getModel(), c.getFallbackConfigId(), c.getTemperature(), c.getMaxOutputTokens(),
                c.getInputCentsPerMillion(), c.getOutputCentsPerMillion(), c.getContextWindow());
    }
}
