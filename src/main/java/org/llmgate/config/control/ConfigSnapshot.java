package org.llmgate.config.control;

import java.util.Map;

/**
 * Everything a chat request needs to pick its configs, loaded in one go and then read without any
 * database query (SPEC §10). Immutable: a change builds a new snapshot.
 */
public record ConfigSnapshot(long version,
                             Map<Long, OrganizationView> organizations,
                             Map<Long, CourseView> courses,
                             Map<Long, HomeworkView> homeworks,
                             Map<Long, LlmConfigView> configs,
                             Map<Long, RuntimeCredential> credentials,
                             Map<String, TokenGrant> tokensByHash) {

    /** What an integration token grants: its organization. */
    public record TokenGrant(long tokenId, long organizationId) {
    }
}
