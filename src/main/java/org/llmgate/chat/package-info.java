/**
 * The chat relay (SPEC §3–5, §8): a student's request walks the fallback chain, hop by hop, and the
 * answer streams back as server-sent events or in the OpenAI-compatible shape, with §4's error
 * classes; every attempt is recorded off the path.
 */
package org.llmgate.chat;
