package org.llmgate.budget.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.llmgate.budget.entity.Budget;
import org.llmgate.platform.Background;
import org.llmgate.platform.Settings;

/**
 * This instance's slices of the budgets (SPEC §11 "No overshoot", without a database round trip per
 * attempt). A slice is reserved in {@code budget_usage} like any reservation, so the database's
 * {@code spent + reserved <= limit} still bounds every instance together; attempts then reserve from
 * the slice in memory and settle back into it. Spending reaches the database within
 * {@link #FLUSH_MILLIS}; a slice unused for {@link #IDLE_MILLIS} goes back, so another instance can
 * have it.
 *
 * <p>The slice asked for is {@code llmgate.budget.lease-attempts} worst cases; when the budget cannot
 * cover that, exactly what the attempt lacks. Once half a slice is used the next one is fetched in
 * the background, so a steady stream of chats never waits for the database, and each slice fetched
 * ahead is twice the last, up to {@value #MAX_GROWTH} times the base, so a busy budget asks ever more
 * rarely. Near the limit (a whole slice refused) that stops, and each attempt that lacks room asks
 * for exactly its own. A slice unused for {@link #IDLE_MILLIS} goes back and the row starts small
 * again. With one instance this refuses exactly where a
 * reservation per attempt would. With several, an instance can be refused while another holds an
 * unused slice (at most that many worst cases per budget row, for at most the idle time): the
 * price of the cache is spending less than the limit, never more.
 */
@ApplicationScoped
public class BudgetLeases {

    private static final Logger LOG = Logger.getLogger(BudgetLeases.class.getName());
    static final long FLUSH_MILLIS = 250;
    static final long IDLE_MILLIS = 5000;
    /** How far a busy row's slices grow over the base size (8 × 8 = 64 worst cases by default). */
    static final int MAX_GROWTH = 8;
    /** Rounds of "fetch what is short, then take it" before giving up to concurrent takers. */
    private static final int ROUNDS = 8;

    @Inject
    BudgetLedger ledger;
    @Inject
    BudgetWarnings warnings;
    @Inject
    Settings settings;
    @Inject
    Background background;

    /** Guarded by {@code this}; never held across a database call. */
    private final Map<UsageKey, Lease> leases = new HashMap<>();
    private final ReentrantLock flushing = new ReentrantLock();
    /** Worst cases per slice; tests set it directly. */
    int leaseAttempts = 8;
    private ScheduledFuture<?> task;

    /** One row's slice on this instance. */
    private static final class Lease {
        /** The budget as it was when the slice was granted: a changed limit makes the rest go back. */
        Budget budget;
        /** Held in the database for this instance and not handed to an attempt (negative after an attempt overspent). */
        Amount available = Amount.ZERO;
        /** Settled by attempts, still counted as reserved in the database. */
        Amount unflushed = Amount.ZERO;
        /** Held under a limit that has changed since: given back at the next flush. */
        Amount returning = Amount.ZERO;
        long lastUsedNanos;
        /** A slice is being fetched ahead, off the chat's path. */
        boolean prefetching;
        /** Worst cases per slice fetched ahead: doubles while chats keep using them, up to {@link #MAX_GROWTH} times the base. */
        int sliceAttempts;
        /** The budget refused a whole slice: near its limit, slices are fetched only for the attempt that needs them. */
        boolean nearLimit;

        Lease(Budget budget) {
            this.budget = budget;
        }
    }

    /** Called at start-up (see {@link BudgetStartup}), so the flush runs in a component context. */
    public void start() {
        leaseAttempts = Math.max(1, settings.integer("llmgate.budget.lease-attempts", 8));
        if (task == null) {
            task = background.every(FLUSH_MILLIS, "budget leases", () -> flush(false));
        }
    }

    /**
     * Reserves {@code need} on every row, all or nothing: from this instance's slices when they cover
     * it, else after fetching what is short from the database.
     *
     * @return -1 when granted, else the index of the first budget that refused
     */
    public int reserve(List<Budget> budgets, List<UsageKey> keys, Amount need) throws SQLException {
        for (int round = 0; round < ROUNDS; round++) {
            List<Amount> shortfalls;
            synchronized (this) {
                shortfalls = shortfalls(budgets, keys, need);
                if (shortfalls == null) {
                    take(keys, need);
                    return -1;
                }
            }
            List<UsageKey> shortKeys = new ArrayList<>();
            List<Amount> exact = new ArrayList<>();
            List<Amount> slices = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                Amount missing = shortfalls.get(i);
                if (!missing.isZero()) {
                    shortKeys.add(keys.get(i));
                    exact.add(missing);
                    slices.add(missing.plus(need.times(leaseAttempts - 1L)));
                }
            }
            List<Amount> granted = slices;
            if (leaseAttempts == 1 || ledger.reserve(shortKeys, slices) >= 0) {
                granted = exact;
                markNearLimit(shortKeys);
                int refused = ledger.reserve(shortKeys, exact);
                if (refused >= 0) {
                    return keys.indexOf(shortKeys.get(refused));
                }
            }
            synchronized (this) {
                for (int i = 0; i < shortKeys.size(); i++) {
                    // computeIfAbsent: a flush may have dropped an idle, empty lease while we fetched
                    Lease lease = leases.computeIfAbsent(shortKeys.get(i), k -> new Lease(null));
                    lease.available = lease.available.plus(granted.get(i));
                }
                if (shortfalls(budgets, keys, need) == null) {
                    take(keys, need);
                    return -1;
                }
            }
        }
        // concurrent attempts took every slice fetched for this one, round after round: the budget is nearly spent
        return 0;
    }

    /**
     * An attempt's end: what it held goes back to the slice, what it used is spent (written by the
     * next flush). {@code used} may exceed {@code held} when a provider bills more than the worst case.
     */
    public synchronized void settle(List<Budget> budgets, List<UsageKey> keys, Amount held, Amount used) {
        long now = System.nanoTime();
        for (int i = 0; i < keys.size(); i++) {
            Lease lease = leases.computeIfAbsent(keys.get(i), k -> new Lease(null));
            if (lease.budget == null) {
                lease.budget = budgets.get(i);
            }
            lease.available = lease.available.plus(held).minus(used);
            lease.unflushed = lease.unflushed.plus(used);
            lease.lastUsedNanos = now;
        }
    }

    /**
     * Writes spending to the database and gives back idle slices (all slices when {@code everything}:
     * a status read, an erasure, a shutdown). A failed write keeps everything for the next flush.
     *
     * @return true when nothing is left to write
     */
    public boolean flush(boolean everything) {
        // one flush at a time: a status read must not overtake the periodic flush's uncommitted write
        flushing.lock();
        try {
            return flushOnce(everything);
        } finally {
            flushing.unlock();
        }
    }

    private boolean flushOnce(boolean everything) {
        List<BudgetLedger.Release> releases = new ArrayList<>();
        List<Budget> budgets = new ArrayList<>();
        synchronized (this) {
            long now = System.nanoTime();
            for (Iterator<Map.Entry<UsageKey, Lease>> it = leases.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<UsageKey, Lease> entry = it.next();
                Lease lease = entry.getValue();
                boolean idle = now - lease.lastUsedNanos > IDLE_MILLIS * 1_000_000;
                Amount idleSlice = everything || idle ? lease.available.positive() : Amount.ZERO;
                Amount giveBack = lease.returning.plus(idleSlice);
                if (lease.unflushed.isZero() && giveBack.isZero()) {
                    if (idle && lease.available.isZero()) {
                        it.remove();
                    }
                    continue;
                }
                releases.add(new BudgetLedger.Release(entry.getKey(), lease.unflushed, giveBack));
                budgets.add(lease.budget);
                lease.unflushed = Amount.ZERO;
                lease.available = lease.available.minus(idleSlice);
                lease.returning = Amount.ZERO;
            }
        }
        if (releases.isEmpty()) {
            return true;
        }
        List<BudgetLedger.Spent> after;
        try {
            after = ledger.release(releases);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot write budget usage (kept for the next try): " + e.getMessage());
            restore(releases);
            return false;
        }
        List<UsageKey> keys = releases.stream().map(BudgetLedger.Release::key).toList();
        warnings.check(budgets, keys, after);
        return true;
    }

    /**
     * Drops this instance's slices of one student in one organization: the erasure just deleted
     * their rows, reservations included, so what a slice still held is no longer counted anywhere.
     */
    public synchronized void forgetStudent(long organizationId, String user) {
        leases.entrySet().removeIf(e -> e.getKey().user().equals(user)
                && e.getValue().budget != null && e.getValue().budget.organizationId() == organizationId);
    }

    /** Null when every row's slice covers {@code need}; else what each row lacks (zero where it does not). */
    private List<Amount> shortfalls(List<Budget> budgets, List<UsageKey> keys, Amount need) {
        List<Amount> shortfalls = null;
        for (int i = 0; i < keys.size(); i++) {
            Lease lease = leases.computeIfAbsent(keys.get(i), k -> new Lease(null));
            Budget budget = budgets.get(i);
            if (!budget.equals(lease.budget)) {
                if (lease.budget != null) {
                    // the limit changed since the slice was granted: what it holds goes back, unused under the new one
                    lease.returning = lease.returning.plus(lease.available.positive());
                    lease.available = lease.available.minus(lease.available.positive());
                }
                lease.budget = budget;
                // a raised limit may have room for whole slices again
                lease.nearLimit = false;
            }
            if (!lease.available.covers(need)) {
                shortfalls = shortfalls == null ? zeros(keys.size()) : shortfalls;
                shortfalls.set(i, lease.available.shortOf(need));
            }
        }
        return shortfalls;
    }

    private void take(List<UsageKey> keys, Amount need) {
        long now = System.nanoTime();
        for (UsageKey key : keys) {
            Lease lease = leases.get(key);
            lease.available = lease.available.minus(need);
            lease.lastUsedNanos = now;
            if (lease.sliceAttempts == 0) {
                lease.sliceAttempts = leaseAttempts;
            }
            if (background != null && !lease.prefetching && !lease.nearLimit
                    && !lease.available.covers(need.times(Math.max(1, lease.sliceAttempts / 2)))) {
                // half the slice is gone: the next one is fetched now, so no chat waits for it; a busy
                // budget row gets larger slices, so the database is asked ever more rarely
                lease.prefetching = true;
                lease.sliceAttempts = Math.min(lease.sliceAttempts * 2, leaseAttempts * MAX_GROWTH);
                Amount slice = need.times(lease.sliceAttempts);
                background.soon("budget slice", () -> prefetch(key, slice));
            }
        }
    }

    private void prefetch(UsageKey key, Amount slice) {
        boolean granted = false;
        try {
            granted = ledger.reserve(List.of(key), List.of(slice)) < 0;
        } catch (SQLException e) {
            LOG.fine(() -> "Cannot fetch a budget slice ahead: " + e.getMessage());
        }
        synchronized (this) {
            Lease lease = leases.computeIfAbsent(key, k -> new Lease(null));
            lease.prefetching = false;
            if (granted) {
                lease.available = lease.available.plus(slice);
            } else {
                lease.nearLimit = true;
            }
        }
    }

    private synchronized void markNearLimit(List<UsageKey> keys) {
        for (UsageKey key : keys) {
            leases.computeIfAbsent(key, k -> new Lease(null)).nearLimit = true;
        }
    }

    private synchronized void restore(List<BudgetLedger.Release> releases) {
        for (BudgetLedger.Release r : releases) {
            Lease lease = leases.computeIfAbsent(r.key(), k -> new Lease(null));
            lease.unflushed = lease.unflushed.plus(r.spent());
            // back as "returning", never as available: it may have been held under a limit since changed
            lease.returning = lease.returning.plus(r.returned());
        }
    }

    private static List<Amount> zeros(int size) {
        List<Amount> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(Amount.ZERO);
        }
        return list;
    }
}
