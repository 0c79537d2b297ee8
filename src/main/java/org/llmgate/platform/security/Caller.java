package org.llmgate.platform.security;

import java.security.Principal;

/**
 * Who is calling: the admin (every organization) or an organization's integration token (that
 * organization only, runtime endpoints only).
 */
public record Caller(String name, boolean admin, Long organizationId) implements Principal {

    public static Caller admin(String username) {
        return new Caller(username, true, null);
    }

    public static Caller integration(long tokenId, long organizationId) {
        return new Caller("token-" + tokenId, false, organizationId);
    }

    @Override
    public String getName() {
        return name;
    }

    public boolean mayAccess(long organizationId) {
        return admin || this.organizationId == organizationId;
    }
}
