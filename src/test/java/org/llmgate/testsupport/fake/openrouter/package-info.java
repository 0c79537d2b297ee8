/** The fake's OpenRouter: OpenAI's format with its own chunks, in-stream errors, error bodies and priced model list. */
package org.llmgate.testsupport.fake.openrouter;
