/** The fake's Anthropic: Messages API events, its error bodies and required headers, the paginated model list. */
package org.llmgate.testsupport.fake.anthropic;
