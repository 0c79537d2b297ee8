/**
 * What every background writer needs to survive faults (SPEC §10 "Faults"): text and numbers made
 * storable, bounded queues that wait out a database outage, and batches in which one refused row
 * is dropped alone instead of poisoning the rest.
 */
package org.llmgate.platform.persistence;
