/** The fake's self-hosted OpenAI-compatible server, played as vLLM: no key needed, its error bodies, max_model_len. */
package org.llmgate.testsupport.fake.compatible;
