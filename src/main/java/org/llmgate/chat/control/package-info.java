/**
 * Walking the chain: planning a chat, admitting and calling each hop, falling back, recording the
 * attempts, and draining open streams on a graceful stop.
 */
package org.llmgate.chat.control;
