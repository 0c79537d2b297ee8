/**
 * The catalog's REST side: the providers and their live model lists, the test-connection check,
 * and the warnings a save picked up while the catalog was asked.
 */
package org.llmgate.catalog.boundary;
