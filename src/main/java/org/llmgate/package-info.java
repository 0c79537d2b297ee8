/**
 * llmgate relays students' LLM chats through a fallback chain of provider configs. One package per
 * feature (config, chat, providers, resilience, learning, catalog, budget, web, observability),
 * each with boundary / control / entity inside where it has them; platform holds what every
 * feature needs and knows none of them.
 */
package org.llmgate;
