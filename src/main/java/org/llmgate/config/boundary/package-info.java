/** The admin REST resources that create, read, update and delete the configuration (SPEC §8). */
package org.llmgate.config.boundary;
