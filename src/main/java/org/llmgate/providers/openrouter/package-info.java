/**
 * OpenRouter: OpenAI chat format plus keep-alive comments, in-stream errors with status-like codes,
 * error metadata carrying the routed provider's words, and a priced catalog.
 */
package org.llmgate.providers.openrouter;
