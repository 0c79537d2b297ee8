/** Errors as RFC 9457 problem details: one exception type for refusals and the mappers that answer them. */
package org.llmgate.platform.problem;
