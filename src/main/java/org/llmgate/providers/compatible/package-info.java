/** Self-hosted servers speaking the OpenAI API at an admin-given base URL (vLLM, Ollama, LiteLLM …). */
package org.llmgate.providers.compatible;
