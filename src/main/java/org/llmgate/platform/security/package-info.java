/**
 * Who is calling: the admin account and its throttled sign-in, the screens' session with its CSRF
 * header, and the filter that authenticates every REST call; Bearer tokens are checked through
 * {@link org.llmgate.platform.security.BearerTokens}, which the feature issuing them implements.
 */
package org.llmgate.platform.security;
