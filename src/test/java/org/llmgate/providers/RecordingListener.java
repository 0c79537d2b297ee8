package org.llmgate.providers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Records one stream's calls and checks the listener contract: one terminal call, never concurrent. */
public final class RecordingListener implements StreamListener {

    /** How a stream ended: usage on completion, the failure otherwise. */
    public record Outcome(Usage usage, UpstreamFailure failure) {

        public boolean completed() {
            return failure == null;
        }
    }

    private final List<String> deltas = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final AtomicInteger terminalCalls = new AtomicInteger();
    private final AtomicInteger callsAfterEnd = new AtomicInteger();
    private final AtomicBoolean inCall = new AtomicBoolean();
    private final AtomicBoolean overlapped = new AtomicBoolean();
    private final AtomicInteger afterReads = new AtomicInteger();
    private volatile int deltasAtLastRead;

    @Override
    public void onDelta(String text) {
        enter();
        try {
            if (outcome.isDone()) {
                callsAfterEnd.incrementAndGet();
            }
            deltas.add(text);
        } finally {
            inCall.set(false);
        }
    }

    /** Must follow a delta and precede the end; each one must have a delta before it (no empty read passed on). */
    @Override
    public void afterRead() {
        enter();
        try {
            if (outcome.isDone() || deltas.size() == deltasAtLastRead) {
                callsAfterEnd.incrementAndGet();
            }
            deltasAtLastRead = deltas.size();
            afterReads.incrementAndGet();
        } finally {
            inCall.set(false);
        }
    }

    @Override
    public void onComplete(Usage usage) {
        terminal(new Outcome(usage, null));
    }

    @Override
    public void onFailure(UpstreamFailure failure) {
        terminal(new Outcome(null, failure));
    }

    private void terminal(Outcome result) {
        enter();
        try {
            terminalCalls.incrementAndGet();
            if (!outcome.complete(result)) {
                callsAfterEnd.incrementAndGet();
            }
        } finally {
            inCall.set(false);
        }
    }

    private void enter() {
        if (!inCall.compareAndSet(false, true)) {
            overlapped.set(true);
        }
    }

    /** Waits for the terminal call, at most {@code bound}; fails the test when none came. */
    public Outcome await(Duration bound) {
        try {
            return outcome.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("no terminal listener call within " + bound, e);
        }
    }

    public Outcome await() {
        return await(Duration.ofSeconds(5));
    }

    public UpstreamFailure awaitFailure() {
        Outcome result = await();
        if (result.completed()) {
            throw new AssertionError("expected a failure but the stream completed with " + String.join("", deltas));
        }
        return result.failure();
    }

    /** Starts the call with this listener and waits for its failure. */
    public UpstreamFailure awaitFailureOf(ProviderAdapter adapter, UpstreamCall call) {
        adapter.stream(call, this);
        return awaitFailure();
    }

    public List<String> deltas() {
        return List.copyOf(deltas);
    }

    public String text() {
        return String.join("", deltas);
    }

    public boolean ended() {
        return outcome.isDone();
    }

    public int afterReads() {
        return afterReads.get();
    }

    public int terminalCalls() {
        return terminalCalls.get();
    }

    /** Calls after the terminal one, or overlapping calls: both break the listener contract. */
    public boolean contractBroken() {
        return callsAfterEnd.get() > 0 || overlapped.get() || terminalCalls.get() > 1;
    }
}
