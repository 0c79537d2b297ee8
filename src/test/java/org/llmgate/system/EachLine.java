package org.llmgate.system;

import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Hands every line of a response body to a callback as it arrives, for tests and benchmarks that
 * watch a stream rather than its end ({@code BodyHandlers.fromLineSubscriber(new EachLine(...))}).
 * The response's future reports errors and the end.
 */
final class EachLine implements Flow.Subscriber<String> {

    private final Consumer<String> onLine;

    EachLine(Consumer<String> onLine) {
        this.onLine = onLine;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        onLine.accept(line);
    }

    @Override
    public void onError(Throwable throwable) {
        // the response's future fails
    }

    @Override
    public void onComplete() {
        // the response's future completes
    }
}
