/** REST for budgets and usage: {@code /api/admin/budgets} (CRUD and status) and {@code /api/admin/usage} (reports, erasure). Admin only. */
package org.llmgate.budget.boundary;
