/**
 * The admin screens' backing beans (SPEC §9). They turn form fields into the same JSON the REST API
 * takes and call the same services in-process (never the app's own HTTP API), so validation and
 * refusals are identical; no business rule lives here, and no key reaches a page.
 */
package org.llmgate.web;
