package org.llmgate.config.control;

import org.llmgate.config.entity.Credential;

/** A credential as the API shows it: the key is write-only, only its hint comes back. */
public record CredentialView(Long id, Long organizationId, String provider, String label, String keyHint,
                             String baseUrl, Integer requestsPerMinute, Integer tokensPerMinute) implements CrudService.Identified {

    public static CredentialView of(Credential c) {
        return new CredentialView(c.getId(), c.getOrganizationId(), c.getProvider(), c.getLabel(), c.getKeyHint(),
                c.getBaseUrl(), c.getRequestsPerMinute(), c.getTokensPerMinute());
    }
}
