/** OpenRouter: OpenAI chat format plus keep-alive comments, in-stream errors and a priced catalog. */
package org.llmgate.providers.openrouter;
