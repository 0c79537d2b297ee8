/**
 * What every feature needs and none owns: settings, schema migration and the start-up sequence
 * (features start their own work on {@link org.llmgate.platform.SchemaReady}), readiness,
 * background scheduling, JSON input and the REST application. It depends on no feature.
 */
package org.llmgate.platform;
