/**
 * The admin screens' backing beans (SPEC §9). They turn form fields into the same JSON the REST API
 * takes and call the same services, so validation and refusals are identical; no business rule
 * lives here.
 */
package org.llmgate.web;
