/** Anthropic's Messages API: request mapping, stream events, errors and the paginated model list. */
package org.llmgate.providers.anthropic;
