/**
 * Self-hosted servers speaking the OpenAI API at an admin-given base URL (vLLM, Ollama, LiteLLM …):
 * the adapter, and the classifier for their error shapes and the words of the providers they proxy.
 */
package org.llmgate.providers.compatible;
