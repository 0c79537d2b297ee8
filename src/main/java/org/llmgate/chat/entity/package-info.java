/** One attempt of a chat as the attempts table stores it. */
package org.llmgate.chat.entity;
