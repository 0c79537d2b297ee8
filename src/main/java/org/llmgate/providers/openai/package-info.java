/** OpenAI's wire format (Chat Completions and Responses API), also spoken by OpenRouter and compatible servers. */
package org.llmgate.providers.openai;
