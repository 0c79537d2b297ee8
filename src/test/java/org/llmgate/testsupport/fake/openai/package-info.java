/** The fake's OpenAI: Chat Completions chunks, Responses API events, OpenAI's error bodies and model list. */
package org.llmgate.testsupport.fake.openai;
