/** Budget values: a budget, its calendar period, and the payer of a chat (organization, course, homework, student). */
package org.llmgate.budget.entity;
