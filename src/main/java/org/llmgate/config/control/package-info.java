/**
 * Configuration services: validation and saving, the key vault, the in-memory snapshot the chat
 * resolves its effective config and fallback chain from, and its refresh when any instance changes it.
 */
package org.llmgate.config.control;
