/**
 * Budget logic: the in-memory book of budgets, admission (reserve the worst case, settle the real
 * cost) against the ledger in PostgreSQL, pricing, warnings, status, usage reports and retention.
 */
package org.llmgate.budget.control;
