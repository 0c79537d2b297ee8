/** The admin REST side of learning (SPEC §8): the model hints, their blacklist and its clearing. */
package org.llmgate.learning.boundary;
