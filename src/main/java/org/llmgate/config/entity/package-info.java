/** The configuration as JPA entities: what the admin saves, one table each. */
package org.llmgate.config.entity;
