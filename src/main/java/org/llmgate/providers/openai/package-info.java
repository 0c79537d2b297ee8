/**
 * OpenAI's wire format (Chat Completions and Responses API), also spoken by OpenRouter and
 * compatible servers, and OpenAI's own error words (quota, endpoint-only models).
 */
package org.llmgate.providers.openai;
