/**
 * Budgets, student quotas and usage (SPEC §11): spending caps per organization, course, homework
 * and student that reserve an attempt's worst case before the call, so no number of concurrent
 * chats on any number of instances spends past a limit; usage reports and erasure.
 */
package org.llmgate.budget;
