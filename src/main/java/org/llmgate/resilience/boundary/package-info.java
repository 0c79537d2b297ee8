/** The admin REST side of resilience (SPEC §8): breakers and their reset, notifications and their acknowledgement. */
package org.llmgate.resilience.boundary;
