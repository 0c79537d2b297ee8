package org.llmgate.budget.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.llmgate.budget.entity.Budget;
import org.llmgate.budget.entity.Payer;

/** A chat's covering budgets come in id order, the order their rows are locked in (no deadlock between chats). */
class BudgetBookTest {

    @Test
    void coveringBudgetsComeInIdOrderWhateverOrderTheStoreGives() {
        BudgetBook book = bookOf(
                new Budget(42L, 1L, 7L, null, false, "month", new BigDecimal("500"), null),
                new Budget(3L, 1L, null, null, true, "week", null, 20_000L),
                new Budget(17L, 1L, 7L, 70L, false, "month", null, 1_000L),
                new Budget(5L, 2L, null, null, false, "month", new BigDecimal("100"), null),
                new Budget(9L, 1L, 8L, null, false, "month", new BigDecimal("100"), null));

        assertEquals(List.of(3L, 17L, 42L), ids(book.covering(new Payer(1L, 7L, 70L, "s1"))));
        assertEquals(List.of(3L, 42L), ids(book.covering(new Payer(1L, 7L, null, "s1"))));
        assertEquals(List.of(5L), ids(book.covering(new Payer(2L, 7L, 70L, "s1"))));
        assertTrue(book.covering(new Payer(3L, null, null, "s1")).isEmpty());
    }

    private static BudgetBook bookOf(Budget... budgets) {
        BudgetBook book = new BudgetBook();
        book.store = new BudgetStore() {
            @Override
            public List<Budget> all() {
                return List.of(budgets);
            }
        };
        book.reload();
        return book;
    }

    private static List<Long> ids(List<Budget> budgets) {
        return budgets.stream().map(Budget::id).toList();
    }
}
