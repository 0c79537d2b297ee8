/**
 * The chat endpoints: the SSE chat and the OpenAI-compatible chat completions, and the writers that
 * turn the relay's events into each wire format.
 */
package org.llmgate.chat.boundary;
